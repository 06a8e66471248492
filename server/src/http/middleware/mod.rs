//! What wraps every request: security headers and the same-site rule for posts, rate limits,
//! the page cache, the built files' caching, and the sign-in page's token; and how a request
//! that is not served is answered ([`refusals`]).

pub mod assets;
pub mod limits;
pub mod page_cache;
pub mod refusals;
pub mod security;
pub mod sign_in;
