//! What other programs read, read as they would: the Atom feeds by Python's `feedparser`
//! (scripts/setup --test installs it), which says when a document is not well-formed (`bozo`)
//! and gives back what each entry holds; the catalogue's changes as a system keeping a copy; the
//! sitemap and robots.txt by Python's own XML and robots.txt parsers.

use serde_json::{Value, json};

use crate::handling::{LEAD, OFFICER};
use crate::helpers::{TestApp, engines};

/// What feedparser reads in an Atom document, as JSON: whether it found a fault, the feed's
/// title, links and language, and each entry's id, title, links, content, author and tags.
pub(crate) fn parse_feed(atom: &str) -> Value {
    python(
        r#"
import json, sys, feedparser
d = feedparser.parse(sys.stdin.buffer.read())
print(json.dumps({
    "bozo": int(d.bozo), "version": d.version, "title": d.feed.get("title"),
    "language": d.feed.get("language"),
    "links": [{"rel": l.get("rel"), "href": l.get("href"), "type": l.get("type")} for l in d.feed.get("links", [])],
    "entries": [{
        "id": e.get("id"), "title": e.get("title"), "link": e.get("link"), "updated": e.get("updated"),
        "summary": e.get("summary"),
        "content": [c.get("value") for c in e.get("content", [])], "author": e.get("author"),
        "tags": [t.get("term") for t in e.get("tags", [])],
    } for e in d.entries],
}))
"#,
        atom,
    )
}

/// What a Python script prints as JSON, given `input` on its standard input.
pub(crate) fn python(script: &str, input: &str) -> Value {
    use std::io::Write;
    let mut child = std::process::Command::new("python3")
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python3 runs");
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "the script reads its input (scripts/setup --test installs what it imports)");
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The addresses a sitemap document lists (`<loc>`, in the protocol's namespace), read by
/// Python's own XML parser, which refuses what is not well-formed.
fn sitemap_locs(xml: &str) -> Vec<String> {
    let read = r#"
import json, sys, xml.etree.ElementTree as ET
root = ET.fromstring(sys.stdin.buffer.read())
ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
assert root.tag in (ns + "urlset", ns + "sitemapindex"), root.tag
print(json.dumps([e.findtext(ns + "loc") for e in root]))
"#;
    serde_json::from_value(python(read, xml)).unwrap()
}

/// A feed fetched and parsed, after checking that it is served as Atom.
async fn feed(app: &TestApp, path: &str) -> (String, Value) {
    let response = app.get(path).await;
    assert_eq!(response.status(), 200, "{path}");
    assert_eq!(response.headers()["content-type"], "application/atom+xml; charset=utf-8", "{path}");
    let body = response.text().await.unwrap();
    let parsed = parse_feed(&body);
    assert_eq!(parsed["bozo"], 0, "{path} is well-formed: {body}");
    assert_eq!(parsed["version"], "atom10", "{path}");
    (body, parsed)
}

/// The address of the Atom feed a page names in its head, whatever the order of its attributes.
fn alternate_feed(html: &str) -> Option<String> {
    let head = html.split("</head>").next()?;
    head.split("<link ").skip(1).map(|tag| tag.split('>').next().unwrap_or_default()).find_map(|tag| {
        let attribute = |name: &str| tag.split(&format!("{name}=\"")).nth(1).and_then(|v| v.split('"').next());
        (attribute("rel") == Some("alternate") && attribute("type") == Some("application/atom+xml"))
            .then(|| attribute("href").unwrap_or_default().replace("&amp;", "&"))
    })
}

fn entry<'a>(feed: &'a Value, code: &str) -> Option<&'a Value> {
    feed["entries"].as_array().unwrap().iter().find(|e| e["link"].as_str().is_some_and(|l| l.ends_with(code)))
}

/// What `sql` counts, asked of the database directly.
pub(crate) async fn count(app: &TestApp, sql: &str) -> i64 {
    let url = &app.config.database_url;
    if url.starts_with("postgres") {
        sqlx::query_scalar(sql).fetch_one(&sqlx::PgPool::connect(url).await.unwrap()).await.unwrap()
    } else {
        sqlx::query_scalar(sql).fetch_one(&sqlx::SqlitePool::connect(url).await.unwrap()).await.unwrap()
    }
}

/// Every page of the catalogue's changes from `path` on, followed to the last: the changes and
/// where to ask next.
async fn read_changes(app: &TestApp, path: &str) -> (Vec<Value>, String) {
    let (mut changes, mut next) = (Vec::new(), path.to_owned());
    loop {
        let page = app.get_json(next.trim_start_matches(&app.base)).await;
        changes.extend(page["changes"].as_array().unwrap().iter().cloned());
        next = page["next"].as_str().unwrap().to_owned();
        if page["complete"] == true {
            return (changes, next);
        }
    }
}

engines! {
    async fn search_engines_find_every_procedure_and_answer_and_nothing_private(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        civicdesk_server::generate_cases::fill(app.store.as_ref(), 1_200, 20, 3).await.unwrap();
        // robots.txt as Python's own parser reads it.
        let robots = app.get("/robots.txt").await.text().await.unwrap();
        let check = r#"
import json, sys, urllib.robotparser
lines = sys.stdin.read().splitlines()
base, body = lines[0], lines[1:]
r = urllib.robotparser.RobotFileParser()
r.parse(body)
paths = ["/thu-tuc/1.001193", "/phan-anh", "/can-bo", "/en/can-bo/phan-anh/X", "/quan-tri", "/phan-anh/tra-cuu/abc", "/api/v1/cases", "/open311/v2/requests.json", "/metrics"]
print(json.dumps({"sitemaps": r.site_maps(), "allowed": [p for p in paths if r.can_fetch("*", base + p)]}))
"#;
        let read = python(check, &format!("{}\n{robots}", app.base));
        assert_eq!(read["sitemaps"], json!([format!("{}/sitemap.xml", app.base)]));
        assert_eq!(read["allowed"], json!(["/thu-tuc/1.001193", "/phan-anh"]), "never the staff area, private links or the API");

        // The index and every page it lists: each procedure once, each published answer once.
        let index = app.get("/sitemap.xml").await;
        assert_eq!(index.headers()["content-type"], "application/xml; charset=utf-8");
        let pages = sitemap_locs(&index.text().await.unwrap());
        let mut urls = Vec::new();
        for page in &pages {
            let response = app.get(page.trim_start_matches(&app.base)).await;
            assert_eq!(response.status(), 200, "{page}");
            urls.extend(sitemap_locs(&response.text().await.unwrap()));
        }
        // The portal's own pages are listed too, the recent changes among them.
        assert!(urls.contains(&format!("{}/thu-tuc/thay-doi", app.base)) && urls.contains(&format!("{}/du-lieu-mo", app.base)));
        let procedures: Vec<&String> =
            urls.iter().filter(|u| u.contains("/thu-tuc/") && !u.ends_with("/thu-tuc/thay-doi")).collect();
        assert_eq!(procedures.len() as u64, app.store.procedure_count().await.unwrap());
        let answers: std::collections::BTreeSet<&str> =
            urls.iter().filter_map(|u| u.strip_prefix(&format!("{}/phan-anh/", app.base))).collect();
        let published = count(&app, "SELECT COUNT(*) FROM cases WHERE published_at IS NOT NULL AND status IN ('published', 'closed')").await;
        assert!(published > 100, "{published}");
        assert_eq!(answers.len() as i64, published, "every published answer, once");
        let cases = count(&app, "SELECT COUNT(*) FROM cases").await;
        assert!(pages.iter().filter(|p| p.contains("/phan-anh-")).count() as i64 == (cases + 9_999) / 10_000);
        for url in urls.iter().filter(|u| u.contains("/co-quan/")).take(3).chain(procedures.iter().copied().take(3)) {
            assert_eq!(app.get(url.trim_start_matches(&app.base)).await.status(), 200, "{url}");
        }
        let code = answers.iter().next().unwrap();
        assert_eq!(app.get(&format!("/phan-anh/{code}")).await.status(), 200);
        for missing in ["/sitemap/thu-tuc-0.xml", "/sitemap/phan-anh-x.xml", "/sitemap/khac.xml", "/sitemap/thu-tuc-1"] {
            assert_eq!(app.get(missing).await.status(), 404, "{missing}");
        }
    }

    async fn another_system_keeps_in_step_with_the_catalogue_through_its_changes(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        // From the start: every revision once, oldest first, a page at a time.
        let (changes, next) = read_changes(&app, "/api/v1/procedures?changed-since=2000-01-01&limit=7").await;
        assert_eq!(changes.len() as i64, count(&app, "SELECT COUNT(*) FROM procedure_revisions").await, "every revision, across pages of 7");
        assert!(changes.len() > 7 * 3, "many pages");
        assert_eq!(read_changes(&app, "/api/v1/procedures?changed-since=2000-01-01").await.0, changes, "as pages of 100");
        let mut seen = std::collections::BTreeSet::new();
        for c in &changes {
            assert!(seen.insert((c["code"].as_str().unwrap().to_owned(), c["revision"].as_u64().unwrap())), "once: {c}");
        }
        let times: Vec<&str> = changes.iter().map(|c| c["recorded_at"].as_str().unwrap()).collect();
        assert!(times.windows(2).all(|w| w[0] <= w[1]), "oldest first");
        let amended = changes.iter().find(|c| c["revision"] == 2).expect("the demonstration's amendments");
        assert!(!amended["changed"].as_array().unwrap().is_empty(), "says what changed: {amended}");
        assert_eq!(app.get_json(&format!("/api/v1/procedures/{}", amended["code"].as_str().unwrap())).await["record"]["code"], amended["code"]);
        // In step: nothing new until the catalogue changes, then exactly what changed.
        let (none, same) = read_changes(&app, &next).await;
        assert!(none.is_empty() && same == next, "{none:?}");
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("catalogue.json");
        let record = r#"[{"MATTHC":"1.009999","TENTTHC":"Cấp giấy phép thử nghiệm","CAPTHUCHIEN":"1",
          "LINHVUCTHUCHIEN":[{"MALINHVUC":"TN","TENLINHVUC":"Thử nghiệm"}],
          "CACHTHUCTHUCHIEN":[{"KENH":"Trực tiếp","THOIGIAN":[{"THOIGIANGIAIQUYET":"5","DONVITINH":"Ngày làm việc"}]}]}]"#;
        for version in [record.to_owned(), record.replace("\"5\"", "\"7\"")] {
            std::fs::write(&file, version).unwrap();
            assert!(crate::import::civicdesk(&app, &["import", file.to_str().unwrap()]).status.success());
        }
        let (new, _) = read_changes(&app, &next).await;
        let got: Vec<(&str, u64, &Value)> =
            new.iter().map(|c| (c["code"].as_str().unwrap(), c["revision"].as_u64().unwrap(), &c["changed"])).collect();
        assert_eq!(got, [("1.009999", 1, &json!([])), ("1.009999", 2, &json!(["channels"]))]);
        // A day, a time, and what is neither.
        let (from_today, _) =
            read_changes(&app, &format!("/api/v1/procedures?changed-since={}", civicdesk_domain::calendar::local_day(chrono::Utc::now()))).await;
        assert!(from_today.len() >= 2);
        for bad in ["changed-since=h%C3%B4m-qua", "after=%3Cscript%3E", "after=2026-12-01T00:00:00Z~x", "changed-since=2026-01-01&limit=0", "changed-since=2026-01-01&limit=101"] {
            let response = app.get(&format!("/api/v1/procedures?{bad}")).await;
            assert_eq!(response.status(), 400, "{bad}");
            let body: Value = response.json().await.unwrap();
            assert!(body["errors"][0]["message"].is_string());
        }
    }

    async fn the_catalogue_s_changes_are_atom_feeds_saying_what_changed(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        let texts = civicdesk_texts::Lang::Vi.texts();
        // The demonstration's catalogue, imported and then amended: more revisions than the feed holds.
        let (_, changes) = feed(&app, "/thu-tuc.atom").await;
        assert_eq!(changes["title"], texts.feed_changes_title);
        let entries = changes["entries"].as_array().unwrap();
        assert_eq!(entries.len(), 50, "the latest fifty revisions");
        let times: Vec<&str> = entries.iter().map(|e| e["updated"].as_str().unwrap()).collect();
        assert!(times.windows(2).all(|w| w[0] >= w[1]), "newest first: {times:?}");
        let amended = entries.iter().find(|e| e["summary"].as_str().unwrap().contains(texts.changed_label)).expect("an amendment");
        let link = amended["link"].as_str().unwrap();
        let code = link.rsplit('/').next().unwrap();
        // Each entry says what the procedure page's own history says of that revision.
        let detail = app.store.procedure(code).await.unwrap().unwrap();
        let newest = &detail.revisions[0];
        assert!(amended["id"].as_str().unwrap().ends_with(&format!("/thu-tuc/{code}#phien-ban-{}", newest.number)));
        assert!(amended["summary"].as_str().unwrap().contains(&texts.revision_changes(&newest.changed)), "{amended}");
        assert!(amended["title"].as_str().unwrap().contains(&detail.record.name));

        // One procedure's history, every revision, newest first.
        let (_, history) = feed(&app, &format!("/thu-tuc/{code}/lich-su.atom")).await;
        let entries = history["entries"].as_array().unwrap();
        assert_eq!(entries.len(), detail.revisions.len());
        assert!(detail.revisions.len() >= 2);
        assert!(entries.last().unwrap()["summary"].as_str().unwrap().contains(texts.first_publication));
        let (_, english) = feed(&app, &format!("/en/thu-tuc/{code}/lich-su.atom")).await;
        assert!(english["entries"][0]["summary"].as_str().unwrap().contains(civicdesk_texts::Lang::En.texts().changed_label));
        assert_eq!(app.get("/thu-tuc/9.999999/lich-su.atom").await.status(), 404);

        // The directory and the procedure's page name their feeds.
        assert_eq!(alternate_feed(&app.get_html("/thu-tuc").await.1).as_deref(), Some("/thu-tuc.atom"));
        let (_, page) = app.get_html(&format!("/thu-tuc/{code}")).await;
        assert_eq!(alternate_feed(&page), Some(format!("/thu-tuc/{code}/lich-su.atom")));
        assert!(page.contains(&format!(r#"<a href="/thu-tuc/{code}/lich-su.atom""#)));
        let (_, hostile) = app.get_html("/thu-tuc/%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E").await;
        assert!(!hostile.contains("<script>alert(1)"));

        // The page of recent changes: the feed's revisions, in its order, each saying what changed;
        // linked from the directory, and naming the feed.
        let (status, page) = app.get_html("/thu-tuc/thay-doi").await;
        assert_eq!(status, 200);
        assert_eq!(alternate_feed(&page).as_deref(), Some("/thu-tuc.atom"));
        let text = crate::helpers::visible_text(&page);
        assert!(text.contains(texts.changes_title), "{text}");
        assert!(text.contains(&detail.record.name) && text.contains(&texts.revision_changes(&newest.changed)));
        let listed: Vec<&str> = page.split("<a href=\"/thu-tuc/").skip(1).filter_map(|s| s.split('"').next()).collect();
        let in_feed: Vec<String> = changes["entries"].as_array().unwrap().iter()
            .map(|e| e["link"].as_str().unwrap().rsplit('/').next().unwrap().to_owned()).collect();
        assert_eq!(listed.iter().filter(|c| !c.ends_with(".atom")).copied().collect::<Vec<_>>(), in_feed);
        assert!(app.get_html("/thu-tuc").await.1.contains("href=\"/thu-tuc/thay-doi\""));
        assert_eq!(app.get_html("/en/thu-tuc/thay-doi").await.0, 200);
    }

    async fn answers_and_a_case_s_timeline_are_atom_feeds_without_personal_data(engine: Engine) {
        let app = TestApp::spawn(engine).await;
        // A submitter who lets their name be shown on the page, and an answer full of characters
        // that end XML elements and entities.
        let body = json!({
            "submitter_kind": "individual", "name": "Hoàng Văn Tư", "address": "3 Tràng Tiền, Hà Nội",
            "phone": "0983111222", "email": "tu@example.vn", "category": "regulation", "show_name": true,
            "procedure": "HN.0013", "title": "Phiếu lý lịch tư pháp </title><script>alert(1)</script>",
            "content": "Tôi là Hoàng Văn Tư, số căn cước 001099000123: thủ tục vẫn đòi bản sao giấy khai sinh.",
            "consent": true
        });
        let created: Value =
            app.client.post(format!("{}/api/v1/cases", app.base)).json(&body).send().await.unwrap().json().await.unwrap();
        let code = created["code"].as_str().unwrap().to_owned();
        let (officer, lead) = (app.demo(OFFICER).await, app.demo(LEAD).await);
        let title = "Phiếu lý lịch tư pháp & bản sao </title><script>alert(1)</script>";
        let answer = "Sở đã bỏ yêu cầu <b>bản sao</b> & \"giấy tờ\" ]]> khác, từ 01/01/2027.";
        app.act(&officer, &code, &[("action", "accept")]).await;
        app.act(&officer, &code, &[("action", "redact"), ("title", title), ("content", "Tôi là [đã che]: thủ tục vẫn đòi bản sao.")]).await;
        app.act(&officer, &code, &[("action", "draft_answer"), ("text", answer)]).await;
        app.act(&lead, &code, &[("action", "approve")]).await;
        assert!(app.act(&lead, &code, &[("action", "publish")]).await.1.ends_with("?xong=publish"));

        // Every answer, the agency's and the field's: the entry reads back as it was published.
        for path in ["/phan-anh.atom", "/phan-anh.atom?co-quan=so-tu-phap", "/phan-anh.atom?linh-vuc=LLTP", "/en/phan-anh.atom"] {
            let (raw, parsed) = feed(&app, path).await;
            let entry = entry(&parsed, &code).unwrap_or_else(|| panic!("{path} holds the answer: {parsed}"));
            assert_eq!(entry["title"], title, "{path}");
            assert_eq!(entry["content"][0], answer, "{path}");
            assert_eq!(entry["author"], "Sở Tư pháp thành phố Hà Nội", "{path}");
            assert_eq!(entry["tags"][0], "regulation", "{path}");
            assert_eq!(entry["id"], format!("{}/phan-anh/{code}", app.base), "the same id in either language");
            for private in ["Hoàng Văn Tư", "0983111222", "tu@example.vn", "Tràng Tiền", "001099000123"] {
                assert!(!raw.contains(private), "{private} is not in {path}");
            }
        }
        let (_, english) = feed(&app, "/en/phan-anh.atom").await;
        assert_eq!(english["language"], "en");
        assert!(entry(&english, &code).unwrap()["link"].as_str().unwrap().contains("/en/phan-anh/"));
        let (_, agency) = feed(&app, "/phan-anh.atom?co-quan=so-tu-phap").await;
        assert_eq!(agency["title"], "Trả lời công khai của Sở Tư pháp thành phố Hà Nội");
        let (_, by_code) = feed(&app, "/phan-anh.atom?co-quan=HN-STP").await;
        assert!(entry(&by_code, &code).is_some(), "an agency named by its code, as its page is");
        let (_, other) = feed(&app, "/phan-anh.atom?co-quan=phuong-hoan-kiem").await;
        assert!(entry(&other, &code).is_none(), "another agency's feed");
        for missing in ["/phan-anh.atom?co-quan=khong-co", "/phan-anh.atom?linh-vuc=%3Cb%3E", "/phan-anh/PAKN.2026/dong-thoi-gian.atom"] {
            assert_eq!(app.get(missing).await.status(), 404, "{missing}");
        }

        // The case's timeline: its public events, newest first, the answer in the published one.
        let (raw, timeline) = feed(&app, &format!("/phan-anh/{code}/dong-thoi-gian.atom")).await;
        let public = app.get_json(&format!("/api/v1/cases/{code}")).await;
        let events = public["timeline"].as_array().unwrap().len();
        assert!(events >= 3, "received, accepted and published at least: {public}");
        assert_eq!(timeline["entries"].as_array().unwrap().len(), events, "the public timeline's events, not the officials' steps");
        assert_eq!(timeline["entries"][0]["content"][0], answer, "the newest is the published answer");
        assert!(!raw.contains("Hoàng Văn Tư") && !raw.contains("[đã che]"), "no name, nor the question");

        // Each page names its feed for feed readers, and links to it.
        let (_, list) = app.get_html("/phan-anh?co-quan=so-tu-phap&linh-vuc=LLTP").await;
        let named = alternate_feed(&list);
        assert_eq!(named.as_deref(), Some("/phan-anh.atom?co-quan=so-tu-phap&linh-vuc=LLTP"), "the list's feed");
        assert!(list.contains(r#"<a href="/phan-anh.atom?co-quan=so-tu-phap&amp;linh-vuc=LLTP" type="application/atom+xml">"#));
        feed(&app, &named.unwrap()).await;
        let (_, english) = app.get_html("/en/phan-anh").await;
        assert_eq!(alternate_feed(&english).as_deref(), Some("/en/phan-anh.atom"));
        let (_, hostile) = app.get_html("/phan-anh?co-quan=%22%3E%3Cscript%3E").await;
        assert_eq!(alternate_feed(&hostile).as_deref(), Some("/phan-anh.atom?co-quan=%22%3E%3Cscript%3E"), "encoded");
        assert!(!hostile.contains("\"><script>"));
        let (_, page) = app.get_html(&format!("/phan-anh/{code}")).await;
        let timeline_feed = format!("/phan-anh/{code}/dong-thoi-gian.atom");
        assert_eq!(alternate_feed(&page), Some(timeline_feed.clone()));
        assert!(page.contains(&format!(r#"<a href="{timeline_feed}""#)));
        let (status, missing) = app.get_html("/phan-anh/PAKN.20260101.9999").await;
        assert_eq!(status, 404);
        assert!(!missing.contains("class=\"feed-link\""), "no feed is offered for a case that is not there");
    }
}
