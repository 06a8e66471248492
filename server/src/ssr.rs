//! Each server-side render runs on one task, with every task it spawns, and is started again
//! if it stalls.
//!
//! A Leptos render spawns tasks of its own: each resource's loader, and the effect by which a
//! `<Suspense>` learns that its resources have loaded. Left to tokio, they run wherever and
//! whenever it schedules them, beside other requests' renders and after their own page is
//! done. Under many concurrent uncached renders that showed as pages titled with another
//! request's search, panics while writing `<title>`, and now and then a `<Suspense>` that
//! waited for ever for data already loaded (seen with one worker thread too, so not only a race
//! between threads).
//!
//! [`confined`] runs a future together with everything spawned through Leptos's executor while
//! it is polled, interleaved on the one task that polls it, and drops what is left when it
//! ends. Work spawned outside a render still goes to tokio, as before. [`render`] bounds what a
//! remaining stall costs a visitor.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use any_spawner::{CustomExecutor, Executor, PinnedFuture, PinnedLocalFuture};
use axum::body::Body;
use axum::extract::Request;
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures_util::stream::{FuturesUnordered, Stream};

use crate::http::middleware::refusals::retry_page;

tokio::task_local! {
    /// Tasks spawned during the render being polled, waiting to join it.
    static SPAWNED: Arc<Mutex<Vec<PinnedFuture<()>>>>;
}

/// Leptos's executor: tasks spawned during a render join that render's task; others go to tokio.
struct RenderExecutor;

impl CustomExecutor for RenderExecutor {
    fn spawn(&self, fut: PinnedFuture<()>) {
        let mut fut = Some(fut);
        let _ = SPAWNED.try_with(|spawned| {
            if let Some(fut) = fut.take() {
                lock(spawned).push(fut);
            }
        });
        if let Some(fut) = fut {
            tokio::spawn(fut);
        }
    }

    fn spawn_local(&self, fut: PinnedLocalFuture<()>) {
        tokio::task::spawn_local(fut);
    }

    fn poll_local(&self) {}
}

/// Makes Leptos spawn through [`RenderExecutor`]. Call before anything renders; later calls
/// (another server in the same process) find it set and change nothing.
pub fn init_executor() {
    let _ = Executor::init_custom_executor(RenderExecutor);
}

/// Runs `main` with every task spawned while polling it on this task; resolves when `main` does,
/// dropping whatever it spawned that is still waiting (effects that outlive the page).
pub async fn confined<F: Future + Send>(main: F) -> F::Output {
    let spawned = Arc::new(Mutex::new(Vec::new()));
    SPAWNED.scope(spawned.clone(), Confined { main: Box::pin(main), tasks: FuturesUnordered::new(), spawned }).await
}

struct Confined<F> {
    main: Pin<Box<F>>,
    tasks: FuturesUnordered<PinnedFuture<()>>,
    spawned: Arc<Mutex<Vec<PinnedFuture<()>>>>,
}

impl<F: Future> Future for Confined<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = self.get_mut();
        if let Poll::Ready(output) = this.main.as_mut().poll(cx) {
            return Poll::Ready(output);
        }
        // Every task waits on `cx`'s waker, like `main`: whatever one of them wakes, this future
        // is polled again. What is spawned and not yet polled has no waker yet, so it is
        // polled now, until nothing new appears.
        loop {
            let new = std::mem::take(&mut *lock(&this.spawned));
            this.tasks.extend(new);
            while let Poll::Ready(Some(())) = Pin::new(&mut this.tasks).poll_next(cx) {}
            if lock(&this.spawned).is_empty() {
                return Poll::Pending;
            }
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // Nothing held under this lock can be left half-changed by a panic.
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// How long one attempt at rendering a page may take. A page renders in milliseconds; one that
/// has taken this long is waiting for a wake-up that will not come.
const RENDER_DEADLINE: Duration = Duration::from_secs(10);

/// Attempts at a page before answering "busy".
const RENDER_ATTEMPTS: u32 = 3;

/// Renders a page: each attempt confined to this task and read whole (the pages render before
/// they are sent anyway, `SsrMode::Async`). An attempt that misses the deadline is dropped, with
/// every task it spawned, and the page is rendered afresh; after the last, the visitor is asked
/// to reload. `attempt` must have no effect beyond rendering, as it may run more than once.
pub async fn render<F, Fut>(path: &str, attempt: F) -> Response
where
    F: Fn() -> Fut,
    Fut: Future<Output = Response> + Send,
{
    for number in 1..=RENDER_ATTEMPTS {
        match tokio::time::timeout(RENDER_DEADLINE, confined(whole(attempt()))).await {
            Ok(response) => return response,
            Err(_) => {
                crate::metrics::metrics().render_stalls.inc();
                tracing::warn!(path, attempt = number, "a page render stalled and was dropped");
            }
        }
    }
    crate::metrics::metrics().render_failures.inc();
    tracing::error!(path, "a page could not be rendered");
    retry_page(StatusCode::SERVICE_UNAVAILABLE, 5, |lang| (lang.texts().busy_title, lang.texts().busy_text))
}

/// The response with an HTML body read whole; other bodies (files, JSON) stay as they are.
async fn whole(response: impl Future<Output = Response>) -> Response {
    let response = response.await;
    if !crate::http::middleware::security::is_html(response.headers()) {
        return response;
    }
    let (parts, body) = response.into_parts();
    match axum::body::to_bytes(body, usize::MAX).await {
        Ok(bytes) => Response::from_parts(parts, Body::from(bytes)),
        Err(error) => {
            tracing::error!(%error, "rendering a page failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// Middleware for what Leptos serves: its pages (and the 404 page), rendered as [`render`]
/// does, and its server functions, which are confined once (a POST is never repeated).
pub async fn pages(request: Request, next: Next) -> Response {
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return confined(whole(next.run(request))).await;
    }
    let (parts, _) = request.into_parts();
    let path = parts.uri.path().to_owned();
    render(&path, || next.clone().run(Request::from_parts(parts.clone(), Body::empty()))).await
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU32, Ordering};

    use super::*;
    use axum::http::header;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_render_runs_what_it_spawns_and_drops_what_is_left_when_it_ends() {
        init_executor();
        let held = Arc::new(());
        let render = {
            let held = held.clone();
            async move {
                let (tx, rx) = tokio::sync::oneshot::channel();
                Executor::spawn(async move {
                    let _ = tx.send("loaded");
                });
                // Waits for ever, as an effect that outlives its page does.
                Executor::spawn(async move {
                    let _held = held;
                    std::future::pending::<()>().await
                });
                rx.await
            }
        };
        assert_eq!(confined(render).await, Ok("loaded"));
        assert_eq!(Arc::strong_count(&held), 1, "the waiting task ended with the render");

        // Outside a render, tasks still go to tokio.
        let (tx, rx) = tokio::sync::oneshot::channel();
        Executor::spawn(async move {
            let _ = tx.send(());
        });
        assert!(rx.await.is_ok());
    }

    fn page(text: &'static str) -> Response {
        ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], text).into_response()
    }

    async fn text(response: Response) -> String {
        String::from_utf8(axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap().to_vec()).unwrap()
    }

    #[tokio::test(start_paused = true)]
    async fn a_stalled_render_is_rendered_again_and_at_last_the_visitor_is_asked_to_reload() {
        init_executor();
        let attempts = AtomicU32::new(0);
        let response = render("/thu-tuc", || {
            let first = attempts.fetch_add(1, Ordering::SeqCst) == 0;
            async move {
                if first {
                    std::future::pending::<()>().await;
                }
                page("<p>Thủ tục</p>")
            }
        })
        .await;
        assert_eq!((response.status(), attempts.load(Ordering::SeqCst)), (StatusCode::OK, 2));
        assert_eq!(text(response).await, "<p>Thủ tục</p>");

        let response = render("/thu-tuc", std::future::pending::<Response>).await;
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(response.headers()[header::RETRY_AFTER], "5");
        let body = text(response).await;
        assert!(body.contains("Cổng đang quá tải") && body.contains("The portal is overloaded"), "{body}");
    }
}
