//! Signing in (`/can-bo/dang-nhap`) and changing one's own password (`/can-bo/mat-khau`).

use civicdesk_domain::problems::{PasswordProblem, SignInProblem};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use super::{StaffBar, get_me};
use crate::components::LoadFailed;
use crate::components::form::NewPasswordFields;
use crate::i18n::{fill, use_lang};
use crate::pages::PageTitle;

/// What a sign-in post sent back when it did not succeed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LoginPosted {
    pub email: String,
    pub problem: SignInProblem,
}

/// What a password change sent back when it was refused (never the passwords).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PasswordPosted {
    pub problem: PasswordProblem,
}

/// Who is signed in, if anyone (the sign-in page offers to go on to the queue), and the token
/// the sign-in form must carry (see [`crate::server::login_form_token`]).
#[server]
pub async fn get_login_state() -> Result<(Option<String>, String), ServerFnError> {
    let token = crate::server::login_form_token();
    Ok((crate::server::signed_in().await?.map(|s| s.official.name), token))
}

/// `/can-bo/mat-khau`: an official changes their own password, giving the current one. Their
/// other sessions end; this one goes on.
#[component]
pub fn PasswordPage() -> impl IntoView {
    let lang = use_lang();
    let s = lang.staff();
    let me = Resource::new(|| (), |_| get_me());
    let posted = Resource::new(|| (), |_| async move { use_context::<PasswordPosted>() });
    let query = use_query_map();
    view! {
        <PageTitle text=s.password_title />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let posted = posted.await;
                let Ok(me) = me.await else { return view! { <LoadFailed /> }.into_any() };
                let message = posted.map(|p| s.password_problem(p.problem));
                let done = query.read_untracked().get("xong").is_some();
                view! {
                    <StaffBar me=me.clone() />
                    <div class="narrow">
                        <h1>{s.password_title}</h1>
                        <p class="lead">{s.password_intro}</p>
                        {done.then(|| view! { <p class="notice notice-success" role="status">{s.password_done}</p> })}
                        {message.map(|m| view! { <p class="notice notice-error" role="alert" id="password-error">{m}</p> })}
                        <form method="post" action=lang.href("/can-bo/mat-khau")>
                            <input type="hidden" name="csrf" value=me.csrf.clone() />
                            <div class="field">
                                <label for="f-password-current">{s.password_current}</label>
                                <input id="f-password-current" name="current" type="password" required
                                    autocomplete="current-password" maxlength="200" />
                            </div>
                            <NewPasswordFields prefix="f-password" />
                            <p><button type="submit" class="button">{s.password_submit}</button></p>
                        </form>
                    </div>
                }.into_any()
            })}
        </Suspense>
    }
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let lang = use_lang();
    let s = lang.staff();
    let posted = Resource::new(|| (), |_| async move { use_context::<LoginPosted>() });
    let state = Resource::new(|| (), |_| get_login_state());
    let demo = Resource::new(|| (), |_| crate::components::layout::get_demo());
    let query = use_query_map();
    view! {
        <PageTitle text=s.login_title />
        <div class="narrow">
            <h1>{s.login_title}</h1>
            <p class="lead">{s.login_intro}</p>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let posted = posted.await;
                    let (name, token) = state.await.unwrap_or_default();
                    let problem = posted.as_ref().map(|p| p.problem).or_else(|| {
                        query.read_untracked().get("loi").and_then(|word| SignInProblem::from_word(&word))
                    });
                    let message = problem.map(|p| s.sign_in_problem(p));
                    let email = posted.map(|p| p.email).unwrap_or_default();
                    view! {
                        {name.map(|name| view! {
                            <p class="notice notice-info">
                                {s.signed_in_as} " " <strong>{name}</strong> ". "
                                <a href=lang.href("/can-bo")>{s.go_to_queue}</a>
                            </p>
                        })}
                        {message.map(|m| view! { <p class="notice notice-error" role="alert" id="login-error">{m}</p> })}
                        {(query.read_untracked().get("xong").as_deref() == Some("mat-khau")).then(|| view! {
                            <p class="notice notice-success" role="status">{lang.admin().link_done}</p>
                        })}
                        <form class="login-form" method="post" action=lang.href("/can-bo/dang-nhap")>
                            <input type="hidden" name="login_token" value=token />
                            <div class="field">
                                <label for="f-login-email">{s.email_label}</label>
                                <input id="f-login-email" name="email" type="email" required autocomplete="username"
                                    maxlength="254" value=email />
                            </div>
                            <div class="field">
                                <label for="f-login-password">{s.password_label}</label>
                                <input id="f-login-password" name="password" type="password" required
                                    autocomplete="current-password" maxlength="200" />
                            </div>
                            <p><button type="submit" class="button">{s.login_submit}</button></p>
                        </form>
                        {demo.await.ok().flatten().map(|demo| view! {
                            <div class="demo-accounts notice notice-warn">
                                <p>{fill(s.demo_accounts, &[("password", &demo.password)])}</p>
                                <ul>
                                    {demo.accounts.into_iter().map(|(email, role, agency)| view! {
                                        <li><code>{email}</code> " — " {s.role(role)} " (" {agency} ")"</li>
                                    }).collect_view()}
                                </ul>
                            </div>
                        })}
                    }
                })}
            </Suspense>
        </div>
    }
}
