//! The one rule for links in untrusted text: which addresses may be shown, and which exported.
//!
//! Every reader (outline, table, JSON) keeps only [`is_safe_href`] links; the CSV export and the
//! print page write only [`is_http`] ones. The page asks the same rule through the wasm handle
//! instead of keeping a copy in JavaScript.

/// Is this href one we may show as a link? Only `http:`, `https:` and `mailto:`.
pub fn is_safe_href(href: &str) -> bool {
    let h = href.trim().to_ascii_lowercase();
    h.starts_with("https://") || h.starts_with("http://") || h.starts_with("mailto:")
}

/// Is this href a web address (`http:` or `https:`), the only links exported and printed?
pub fn is_http(href: &str) -> bool {
    let h = href.trim().to_ascii_lowercase();
    h.starts_with("https://") || h.starts_with("http://")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_and_mail_addresses_are_shown_and_only_web_ones_exported() {
        for ok in [
            "https://villes-internet.net",
            "http://example.org/a?b#c",
            " HTTPS://EXAMPLE.ORG",
            "mailto:contact@example.org",
        ] {
            assert!(is_safe_href(ok), "{ok}");
        }
        assert!(is_http("https://x.fr") && is_http("  Http://x.fr"));
        assert!(!is_http("mailto:a@b.fr"));
        for bad in [
            "javascript:alert(1)",
            " javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:x",
            "//example.org",
            "/relative",
            "https:",
            "\u{200b}javascript:alert(1)",
            "",
        ] {
            assert!(!is_safe_href(bad), "{bad}");
            assert!(!is_http(bad), "{bad}");
        }
    }
}
