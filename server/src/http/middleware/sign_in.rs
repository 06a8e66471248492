//! The sign-in page's own token, given to a browser before it has any session.

use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::Response;

use super::security::Site;
use civicdesk_services::accounts;

/// Gives a browser opening the sign-in page without a sign-in token one: as a cookie on the
/// answer, and as if it had sent it, so the page rendered now puts the same token in its form.
/// (Set here rather than by the page through Leptos' response options, which were seen to come
/// back empty now and then under concurrent load: the official would then be refused once.)
pub async fn login_cookie(State(site): State<Site>, mut request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let is_login_page = request.method() == Method::GET && matches!(path, "/can-bo/dang-nhap" | "/en/can-bo/dang-nhap");
    if !is_login_page || accounts::login_token(request.headers()).is_some() {
        return next.run(request).await;
    }
    let token = accounts::new_token();
    let cookie = accounts::login_cookie(&token, site.https());
    let sent = format!("{}={token}", accounts::LOGIN_COOKIE);
    if let Ok(value) = HeaderValue::from_str(&sent) {
        request.headers_mut().append(header::COOKIE, value);
    }
    let mut response = next.run(request).await;
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}
