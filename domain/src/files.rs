//! Attachments: what a file really is (by its bytes, never its name) and removing the metadata a
//! photo carries — camera, time, and often the GPS position of the sender's home.

use serde::{Deserialize, Serialize};

/// The kinds of file the portal accepts (DOMAIN.md §1.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum FileKind {
    Jpeg,
    Png,
    Pdf,
    Docx,
    Xlsx,
}

impl FileKind {
    pub fn content_type(self) -> &'static str {
        match self {
            FileKind::Jpeg => "image/jpeg",
            FileKind::Png => "image/png",
            FileKind::Pdf => "application/pdf",
            FileKind::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            FileKind::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            FileKind::Jpeg => "jpg",
            FileKind::Png => "png",
            FileKind::Pdf => "pdf",
            FileKind::Docx => "docx",
            FileKind::Xlsx => "xlsx",
        }
    }

    pub fn from_content_type(s: &str) -> Option<Self> {
        [FileKind::Jpeg, FileKind::Png, FileKind::Pdf, FileKind::Docx, FileKind::Xlsx]
            .into_iter()
            .find(|k| k.content_type() == s)
    }
}

/// Recognises a file by its first bytes and, for Office files, by the parts inside the ZIP.
pub fn sniff(bytes: &[u8]) -> Option<FileKind> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(FileKind::Jpeg)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(FileKind::Png)
    } else if bytes.starts_with(b"%PDF-") {
        Some(FileKind::Pdf)
    } else if bytes.starts_with(b"PK\x03\x04") {
        let names = zip_entry_names(bytes);
        let has = |name: &str| names.contains(&name.as_bytes());
        if !has("[Content_Types].xml") {
            None
        } else if has("word/document.xml") {
            Some(FileKind::Docx)
        } else if has("xl/workbook.xml") {
            Some(FileKind::Xlsx)
        } else {
            None
        }
    } else {
        None
    }
}

/// Names of the entries in a ZIP archive, read from its central directory.
fn zip_entry_names(bytes: &[u8]) -> Vec<&[u8]> {
    const END: &[u8] = b"PK\x05\x06";
    let u16_at = |at: usize| bytes.get(at..at + 2).map(|b| u16::from_le_bytes([b[0], b[1]]) as usize);
    let u32_at = |at: usize| bytes.get(at..at + 4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize);
    // The end record is in the last 64 KiB + 22 bytes (its comment is at most 64 KiB).
    let search_from = bytes.len().saturating_sub(22 + 65_535);
    let Some(end) = bytes[search_from..].windows(4).rposition(|w| w == END).map(|p| p + search_from) else {
        return Vec::new();
    };
    let (Some(count), Some(mut at)) = (u16_at(end + 10), u32_at(end + 16)) else { return Vec::new() };
    let mut names = Vec::with_capacity(count.min(1024));
    for _ in 0..count.min(4096) {
        if bytes.get(at..at + 4) != Some(b"PK\x01\x02") {
            break;
        }
        let (Some(name_len), Some(extra_len), Some(comment_len)) = (u16_at(at + 28), u16_at(at + 30), u16_at(at + 32))
        else {
            break;
        };
        let Some(name) = bytes.get(at + 46..at + 46 + name_len) else { break };
        names.push(name);
        at += 46 + name_len + extra_len + comment_len;
    }
    names
}

/// Returns the file without metadata a photo may carry: EXIF and XMP (APP1), IPTC (APP13) and
/// comments in a JPEG; `eXIf` and text chunks in a PNG. Other kinds, and images whose structure
/// cannot be followed, come back unchanged — the image data itself is never touched.
pub fn strip_metadata(kind: FileKind, bytes: &[u8]) -> Vec<u8> {
    let stripped = match kind {
        FileKind::Jpeg => strip_jpeg(bytes),
        FileKind::Png => strip_png(bytes),
        _ => None,
    };
    stripped.unwrap_or_else(|| bytes.to_vec())
}

fn strip_jpeg(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..2]);
    let mut at = 2;
    loop {
        if *bytes.get(at)? != 0xFF {
            return None;
        }
        let marker = *bytes.get(at + 1)?;
        match marker {
            // Padding before a marker.
            0xFF => {
                at += 1;
                continue;
            }
            // Start of scan: the compressed image follows to the end; keep it all.
            0xDA => {
                out.extend_from_slice(&bytes[at..]);
                return Some(out);
            }
            // Markers without a length.
            0xD0..=0xD9 | 0x01 => {
                out.extend_from_slice(&bytes[at..at + 2]);
                at += 2;
                continue;
            }
            _ => {}
        }
        let length = u16::from_be_bytes([*bytes.get(at + 2)?, *bytes.get(at + 3)?]) as usize;
        let end = at + 2 + length;
        let segment = bytes.get(at..end)?;
        // APP1 (EXIF, XMP), APP13 (IPTC/Photoshop), COM (comment) go; everything else stays.
        if !matches!(marker, 0xE1 | 0xED | 0xFE) {
            out.extend_from_slice(segment);
        }
        at = end;
    }
}

fn strip_png(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..8]);
    let mut at = 8;
    while at < bytes.len() {
        let length = u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?) as usize;
        let kind = bytes.get(at + 4..at + 8)?;
        let end = at.checked_add(12)?.checked_add(length)?;
        let chunk = bytes.get(at..end)?;
        if !matches!(kind, b"eXIf" | b"tEXt" | b"iTXt" | b"zTXt" | b"tIME") {
            out.extend_from_slice(chunk);
        }
        at = end;
    }
    Some(out)
}

/// A file name safe to show and to offer for download: no folders, no control characters, at
/// most 120 characters, and the extension of what the file really is.
pub fn display_name(raw: &str, kind: FileKind) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let stem = base.rsplit_once('.').map_or(base, |(stem, _)| stem);
    let clean: String = stem.chars().filter(|c| !c.is_control() && !matches!(c, '"' | '<' | '>')).take(120).collect();
    let clean = clean.trim();
    let stem = if clean.is_empty() { "tep" } else { clean };
    format!("{stem}.{}", kind.extension())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A minimal ZIP with the given entry names (stored, empty), as Office files are.
    pub fn zip_with(names: &[&str]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut central = Vec::new();
        for name in names {
            let offset = out.len() as u32;
            out.extend_from_slice(b"PK\x03\x04");
            out.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
            out.extend_from_slice(&(name.len() as u16).to_le_bytes());
            out.extend_from_slice(&[0, 0]);
            out.extend_from_slice(name.as_bytes());
            central.extend_from_slice(b"PK\x01\x02");
            central.extend_from_slice(&[20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
            central.extend_from_slice(&(name.len() as u16).to_le_bytes());
            central.extend_from_slice(&[0; 12]);
            central.extend_from_slice(&offset.to_le_bytes());
            central.extend_from_slice(name.as_bytes());
        }
        let central_at = out.len() as u32;
        out.extend_from_slice(&central);
        out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
        out.extend_from_slice(&(names.len() as u16).to_le_bytes());
        out.extend_from_slice(&(names.len() as u16).to_le_bytes());
        out.extend_from_slice(&(central.len() as u32).to_le_bytes());
        out.extend_from_slice(&central_at.to_le_bytes());
        out.extend_from_slice(&[0, 0]);
        out
    }

    /// A JPEG skeleton: SOI, an EXIF APP1 with a GPS-looking payload, a JFIF APP0, a comment, SOS.
    pub fn jpeg_with_exif() -> Vec<u8> {
        let mut out = vec![0xFF, 0xD8];
        let exif = b"Exif\0\0GPS 21.0285N 105.8542E";
        out.extend_from_slice(&[0xFF, 0xE1]);
        out.extend_from_slice(&((exif.len() + 2) as u16).to_be_bytes());
        out.extend_from_slice(exif);
        out.extend_from_slice(&[0xFF, 0xE0, 0x00, 0x07, b'J', b'F', b'I', b'F', 0]);
        out.extend_from_slice(&[0xFF, 0xFE, 0x00, 0x06, b'h', b'o', b'm', b'e']);
        out.extend_from_slice(&[0xFF, 0xDA, 0x00, 0x02, 1, 2, 3, 0xFF, 0xD9]);
        out
    }

    #[test]
    fn files_are_known_by_content_not_name() {
        assert_eq!(sniff(&jpeg_with_exif()), Some(FileKind::Jpeg));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some(FileKind::Png));
        assert_eq!(sniff(b"%PDF-1.7\n"), Some(FileKind::Pdf));
        assert_eq!(sniff(&zip_with(&["[Content_Types].xml", "word/document.xml"])), Some(FileKind::Docx));
        assert_eq!(sniff(&zip_with(&["[Content_Types].xml", "xl/workbook.xml"])), Some(FileKind::Xlsx));
        assert_eq!(sniff(&zip_with(&["payload.exe"])), None, "a plain ZIP is not an Office file");
        assert_eq!(sniff(b"MZ\x90\x00 an executable"), None);
        assert_eq!(sniff(b"<html><script>"), None);
        assert_eq!(sniff(b""), None);
        assert_eq!(sniff(b"PK\x03\x04"), None, "a truncated ZIP is refused, not a panic");
    }

    #[test]
    fn exif_and_comments_leave_a_jpeg_and_the_image_stays() {
        let original = jpeg_with_exif();
        let stripped = strip_metadata(FileKind::Jpeg, &original);
        assert!(!stripped.windows(4).any(|w| w == b"Exif"));
        assert!(!stripped.windows(4).any(|w| w == b"home"));
        assert!(stripped.windows(4).any(|w| w == b"JFIF"));
        assert!(stripped.ends_with(&[0xFF, 0xDA, 0x00, 0x02, 1, 2, 3, 0xFF, 0xD9]));
        assert_eq!(sniff(&stripped), Some(FileKind::Jpeg));
    }

    #[test]
    fn png_text_and_exif_chunks_go() {
        let chunk = |kind: &[u8], data: &[u8]| {
            let mut c = (data.len() as u32).to_be_bytes().to_vec();
            c.extend_from_slice(kind);
            c.extend_from_slice(data);
            c.extend_from_slice(&[0, 0, 0, 0]);
            c
        };
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        png.extend(chunk(b"IHDR", &[0; 13]));
        png.extend(chunk(b"eXIf", b"GPS"));
        png.extend(chunk(b"tEXt", b"Author\0An"));
        png.extend(chunk(b"IDAT", b"pixels"));
        png.extend(chunk(b"IEND", b""));
        let stripped = strip_metadata(FileKind::Png, &png);
        assert!(stripped.windows(6).any(|w| w == b"pixels"));
        assert!(!stripped.windows(3).any(|w| w == b"GPS") && !stripped.windows(6).any(|w| w == b"Author"));
        // A broken PNG is kept as it came rather than cut.
        assert_eq!(strip_metadata(FileKind::Png, &png[..30]), png[..30].to_vec());
    }

    #[test]
    fn display_names_are_plain_and_honest() {
        assert_eq!(display_name("C:\\Users\\an\\ảnh chụp.JPG", FileKind::Jpeg), "ảnh chụp.jpg");
        assert_eq!(display_name("../../etc/passwd", FileKind::Pdf), "passwd.pdf");
        assert_eq!(display_name("report.exe", FileKind::Pdf), "report.pdf");
        assert_eq!(display_name("\u{0}", FileKind::Png), "tep.png");
    }
}
