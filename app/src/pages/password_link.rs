//! Setting a password through the one-time link an administrator e-mailed
//! (`/can-bo/dat-mat-khau/{token}`). The link works once and expires; the form posts to the
//! server's handler, which ends every earlier session of the account.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::PageTitle;
use super::staff::PasswordPosted;
use crate::components::form::NewPasswordFields;
use crate::i18n::{fill, use_lang};

/// The e-mail of the account a link is for, if the link can still be used.
#[server]
pub async fn get_password_link(token: String) -> Result<Option<String>, ServerFnError> {
    use crate::server::{private_page, storage_failed, store};
    private_page();
    let Some(hash) = civicdesk_domain::cases::token_hash(&token) else { return Ok(None) };
    let official = store()?.password_link(&hash, chrono::Utc::now()).await.map_err(storage_failed)?;
    if official.is_none() {
        crate::server::set_status(404);
    }
    Ok(official.map(|o| o.email))
}

#[component]
pub fn PasswordLinkPage() -> impl IntoView {
    let lang = use_lang();
    let (a, s) = (lang.admin(), lang.staff());
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let link = Resource::new(token, get_password_link);
    let posted = Resource::new(|| (), |_| async move { use_context::<PasswordPosted>() });
    view! {
        <PageTitle text=a.link_title />
        <div class="narrow">
            <h1>{a.link_title}</h1>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let posted = posted.await;
                    match link.await {
                        Ok(Some(email)) => {
                            let message = posted.map(|p| s.password_problem(p.problem));
                            let action = lang.href(&format!("/can-bo/dat-mat-khau/{}", token()));
                            view! {
                                <p class="lead">{fill(a.link_intro, &[("email", &email)])}</p>
                                {message.map(|m| view! { <p class="notice notice-error" role="alert" id="password-error">{m}</p> })}
                                <form method="post" action=action>
                                    <input type="hidden" name="email" value=email autocomplete="username" />
                                    <NewPasswordFields prefix="f-link" />
                                    <p><button type="submit" class="button">{a.link_submit}</button></p>
                                </form>
                            }.into_any()
                        }
                        _ => view! { <p class="notice notice-error" role="alert">{a.link_unusable}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}
