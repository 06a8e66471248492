//! What an uploaded file carries besides its content, removed before it is stored: a photo's
//! camera, time and position ([`civicdesk_domain::files::strip_metadata`]); a PDF's document
//! information (author, title, subject, keywords, creator and producer, dates) and its XMP
//! metadata; an Office file's document properties (author, last editor, company, manager, title,
//! custom properties).
//!
//! A PDF or Office file that cannot be read well enough to clean it is refused: it might carry
//! all of that, and nobody could tell.

use std::io::{Cursor, Read, Write};

use civicdesk_domain::files::{FileKind, strip_metadata};
use lopdf::{Document, Object};

/// The file as it will be stored, or `None` when it cannot be cleaned.
pub fn clean(kind: FileKind, bytes: &[u8]) -> Option<Vec<u8>> {
    match kind {
        FileKind::Jpeg | FileKind::Png => Some(strip_metadata(kind, bytes)),
        FileKind::Pdf => clean_pdf(bytes),
        FileKind::Docx | FileKind::Xlsx => clean_office(bytes),
    }
}

fn clean_pdf(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut document = Document::load_mem(bytes).ok()?;
    if document.is_encrypted() {
        return None;
    }
    document.trailer.remove(b"Info");
    // XMP metadata: the catalog's, and any page's or image's.
    for object in document.objects.values_mut() {
        let dictionary = match object {
            Object::Dictionary(dictionary) => dictionary,
            Object::Stream(stream) => &mut stream.dict,
            _ => continue,
        };
        dictionary.remove(b"Metadata");
        dictionary.remove(b"PieceInfo");
    }
    // What no longer has a reference (the information dictionary, the metadata streams) goes.
    document.prune_objects();
    let mut out = Vec::new();
    document.save_to(&mut out).ok()?;
    Some(out)
}

/// The document properties an Office file may carry, as empty parts of the same kind.
const EMPTY_CORE: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"></cp:coreProperties>"#;
const EMPTY_CUSTOM: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"></Properties>"#;

fn clean_office(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(bytes.len())));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).ok()?;
        let name = entry.name().ok()?.into_owned();
        let replaced = match name.as_str() {
            "docProps/core.xml" => Some(EMPTY_CORE.to_owned()),
            "docProps/custom.xml" => Some(EMPTY_CUSTOM.to_owned()),
            "docProps/app.xml" => {
                let mut text = String::new();
                entry.read_to_string(&mut text).ok()?;
                Some(
                    ["Company", "Manager", "HyperlinkBase"]
                        .into_iter()
                        .fold(text, |text, element| without(&text, element)),
                )
            }
            _ => None,
        };
        match replaced {
            Some(text) => {
                drop(entry);
                writer.start_file(name, options).ok()?;
                writer.write_all(text.as_bytes()).ok()?;
            }
            None => writer.raw_copy_file(entry).ok()?,
        }
    }
    Some(writer.finish().ok()?.into_inner())
}

/// `xml` without any `<element>…</element>` or `<element/>`.
fn without(xml: &str, element: &str) -> String {
    let open = format!("<{element}>");
    let close = format!("</{element}>");
    let empty = format!("<{element}/>");
    let mut out = xml.replace(&empty, "");
    while let Some(start) = out.find(&open) {
        let Some(end) = out[start..].find(&close).map(|e| start + e + close.len()) else { break };
        out.replace_range(start..end, "");
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use lopdf::dictionary;

    /// A one-page PDF whose information dictionary and XMP name its author.
    pub(crate) fn pdf_by(author: &str) -> Vec<u8> {
        let mut document = Document::with_version("1.5");
        let pages_id = document.new_object_id();
        let content = lopdf::Stream::new(dictionary! {}, b"BT /F1 12 Tf 72 712 Td (Giay to) Tj ET".to_vec());
        let content_id = document.add_object(content);
        let page_id = document.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        });
        document.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1 }),
        );
        let xmp = format!("<x:xmpmeta><dc:creator>{author}</dc:creator></x:xmpmeta>");
        let metadata_id = document
            .add_object(lopdf::Stream::new(dictionary! { "Type" => "Metadata", "Subtype" => "XML" }, xmp.into_bytes()));
        let catalog_id =
            document.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id, "Metadata" => metadata_id });
        let info_id = document.add_object(dictionary! {
            "Author" => Object::string_literal(author), "Title" => Object::string_literal(format!("CCCD {author}")),
        });
        document.trailer.set("Root", catalog_id);
        document.trailer.set("Info", info_id);
        let mut out = Vec::new();
        document.save_to(&mut out).unwrap();
        out
    }

    /// A Word file whose properties name its author, company and manager.
    pub(crate) fn docx_by(author: &str) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        let parts = [
            ("[Content_Types].xml", "<Types/>".to_owned()),
            ("word/document.xml", "<w:document><w:body><w:p>Giấy tờ</w:p></w:body></w:document>".to_owned()),
            (
                "docProps/core.xml",
                format!(
                    "<cp:coreProperties><dc:creator>{author}</dc:creator><cp:lastModifiedBy>{author}</cp:lastModifiedBy></cp:coreProperties>"
                ),
            ),
            (
                "docProps/app.xml",
                format!(
                    "<Properties><Company>Công ty của {author}</Company><Manager>{author}</Manager><Pages>1</Pages></Properties>"
                ),
            ),
            (
                "docProps/custom.xml",
                format!("<Properties><property name=\"owner\"><vt:lpwstr>{author}</vt:lpwstr></property></Properties>"),
            ),
        ];
        for (name, text) in parts {
            writer.start_file(name, options).unwrap();
            writer.write_all(text.as_bytes()).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    fn entry(zip_bytes: &[u8], name: &str) -> String {
        let mut archive = zip::ZipArchive::new(Cursor::new(zip_bytes)).unwrap();
        let mut text = String::new();
        archive.by_name(name).unwrap().read_to_string(&mut text).unwrap();
        text
    }

    #[test]
    fn a_pdf_loses_its_author_and_keeps_its_page() {
        let original = pdf_by("Nguyen Van An");
        assert!(original.windows(13).any(|w| w == b"Nguyen Van An"));
        let cleaned = clean(FileKind::Pdf, &original).unwrap();
        assert!(!cleaned.windows(13).any(|w| w == b"Nguyen Van An"), "no author left anywhere");
        let document = Document::load_mem(&cleaned).unwrap();
        assert!(document.trailer.get(b"Info").is_err());
        assert_eq!(document.get_pages().len(), 1, "the page is still there");
        assert_eq!(civicdesk_domain::files::sniff(&cleaned), Some(FileKind::Pdf));
    }

    #[test]
    fn an_office_file_loses_its_properties_and_keeps_its_text() {
        let cleaned = clean(FileKind::Docx, &docx_by("Nguyễn Văn An")).unwrap();
        for part in ["docProps/core.xml", "docProps/app.xml", "docProps/custom.xml"] {
            assert!(!entry(&cleaned, part).contains("Nguyễn Văn An"), "{part}");
        }
        assert!(entry(&cleaned, "docProps/app.xml").contains("<Pages>1</Pages>"), "what is not personal stays");
        assert!(entry(&cleaned, "word/document.xml").contains("Giấy tờ"));
        assert_eq!(civicdesk_domain::files::sniff(&cleaned), Some(FileKind::Docx));
    }

    #[test]
    fn what_cannot_be_read_is_not_passed_on() {
        assert_eq!(clean(FileKind::Pdf, b"%PDF-1.4 not really"), None);
        assert_eq!(clean(FileKind::Docx, b"PK\x03\x04 broken"), None);
    }
}
