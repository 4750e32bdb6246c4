//! Where the learner is, as a URL fragment. Hash routing works from any sub-path and on
//! static hosts without rewrite rules (GitHub Pages), and a reload opens the same step.
//!
//! ```text
//! #/                          home
//! #/lesson/1.2/step/3         lesson 1.2, third step (1-based in the URL)
//! #/lesson/1.2/step/3?embed   the same, without the site header (for blogs and slides)
//! #/lesson/1.2/step/3?present the same, as a presenter shows it in a classroom
//! #/sandbox                   the free cluster with a console
//! #/sandbox?from=2.1/3&s=...  started from lesson 2.1's third step, with the lines typed
//! #/sandbox?challenge=1.2/1   lesson 1.2's first challenge (1-based), in the sandbox
//! #/progress                  the tracker: progress, key learnings, interview questions
//! ```

/// A parsed location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// The module and lesson list.
    Home,
    /// A lesson at a 0-based step.
    Lesson {
        /// Lesson id.
        id: String,
        /// 0-based step index.
        step: usize,
    },
    /// Anything else: shown as "not found", with the text kept for the message.
    /// `#/sandbox`: the free cluster with a console; `?from=2.1/3` starts it from a lesson
    /// step (1-based), `s=` holds the lines typed (a share link, `share.rs`).
    Sandbox {
        from: Option<(String, usize)>,
        lines: Option<String>,
        /// `?challenge=1.2/1`: a lesson's challenge (0-based inside).
        challenge: Option<(String, usize)>,
    },
    /// `#/progress`: the tracker.
    Progress,
    NotFound(String),
}

/// A route plus display options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// Which page.
    pub route: Route,
    /// Hide the site chrome for embedding.
    pub embed: bool,
    /// Presenter mode: the step full size, large type, driven by keys (lesson pages).
    pub present: bool,
}

impl Location {
    /// Parses `window.location.hash` (with or without the leading `#`).
    pub fn parse(hash: &str) -> Self {
        let hash = hash.strip_prefix('#').unwrap_or(hash);
        let (path, query) = hash.split_once('?').unwrap_or((hash, ""));
        let embed = query.split('&').any(|p| p == "embed" || p == "embed=1");
        let present = query.split('&').any(|p| p == "present" || p == "present=1");
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        let route = match parts.as_slice() {
            [] => Route::Home,
            ["sandbox"] => {
                let param = |name: &str| {
                    query
                        .split('&')
                        .find_map(|p| p.strip_prefix(name)?.strip_prefix('='))
                };
                let at = |name: &str| {
                    param(name).and_then(|f| {
                        let (id, n) = f.split_once('/')?;
                        let n = n.parse::<usize>().ok()?;
                        Some((id.to_string(), n.saturating_sub(1)))
                    })
                };
                Route::Sandbox {
                    from: at("from"),
                    lines: param("s").map(String::from),
                    challenge: at("challenge"),
                }
            }
            ["progress"] => Route::Progress,
            ["lesson", id] => Route::Lesson {
                id: (*id).to_string(),
                step: 0,
            },
            // A step number out of range opens the nearest step (the player clamps past the
            // end; step/0 is step 1), so every number names a step, as in the address bar
            // after the correction.
            ["lesson", id, "step", n] if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
                Route::Lesson {
                    id: (*id).to_string(),
                    step: n.parse::<usize>().unwrap_or(usize::MAX).saturating_sub(1),
                }
            }
            _ => Route::NotFound(hash.to_string()),
        };
        Self {
            route,
            embed,
            present,
        }
    }

    /// The fragment for this location, starting with `#`.
    pub fn to_hash(&self) -> String {
        let path = match &self.route {
            Route::Home => "#/".to_string(),
            Route::Progress => "#/progress".to_string(),
            Route::Sandbox {
                from,
                lines,
                challenge,
            } => {
                let mut params = Vec::new();
                if let Some((id, n)) = challenge {
                    params.push(format!("challenge={id}/{}", n + 1));
                }
                if let Some((id, n)) = from {
                    params.push(format!("from={id}/{}", n + 1));
                }
                if let Some(s) = lines {
                    params.push(format!("s={s}"));
                }
                if params.is_empty() {
                    "#/sandbox".to_string()
                } else {
                    format!("#/sandbox?{}", params.join("&"))
                }
            }
            Route::Lesson { id, step } => format!("#/lesson/{id}/step/{}", step + 1),
            Route::NotFound(text) => format!("#{text}"),
        };
        let mut hash = path;
        for (on, flag) in [(self.embed, "embed"), (self.present, "present")] {
            if on {
                let sep = if hash.contains('?') { '&' } else { '?' };
                hash = format!("{hash}{sep}{flag}");
            }
        }
        hash
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_one_based_in_urls_and_zero_based_inside() {
        let l = Location::parse("#/lesson/1.2/step/3");
        assert_eq!(
            l.route,
            Route::Lesson {
                id: "1.2".into(),
                step: 2
            }
        );
        assert_eq!(l.to_hash(), "#/lesson/1.2/step/3");
    }

    #[test]
    fn the_sandbox_has_its_own_address() {
        let l = Location::parse("#/sandbox");
        assert_eq!(
            l.route,
            Route::Sandbox {
                from: None,
                lines: None,
                challenge: None
            }
        );
        assert_eq!(l.to_hash(), "#/sandbox");
        let l = Location::parse("#/sandbox?challenge=1.2/2");
        assert_eq!(
            l.route,
            Route::Sandbox {
                from: None,
                lines: None,
                challenge: Some(("1.2".into(), 1))
            }
        );
        assert_eq!(l.to_hash(), "#/sandbox?challenge=1.2/2");
        assert_eq!(Location::parse("#/progress").route, Route::Progress);
        assert_eq!(Location::parse("#/progress").to_hash(), "#/progress");
        let l = Location::parse("#/sandbox?from=2.1/3&s=TWFu&embed");
        assert_eq!(
            l.route,
            Route::Sandbox {
                from: Some(("2.1".into(), 2)),
                lines: Some("TWFu".into()),
                challenge: None
            }
        );
        assert!(l.embed);
        assert_eq!(Location::parse(&l.to_hash()), l);
    }

    #[test]
    fn empty_and_slash_are_home() {
        assert_eq!(Location::parse("").route, Route::Home);
        assert_eq!(Location::parse("#/").route, Route::Home);
    }

    #[test]
    fn embed_and_present_survive_a_round_trip() {
        let l = Location::parse("#/lesson/1.1/step/2?embed");
        assert!(l.embed && !l.present);
        assert_eq!(Location::parse(&l.to_hash()), l);
        let l = Location::parse("#/lesson/1.1/step/2?present");
        assert!(l.present && !l.embed);
        assert_eq!(l.to_hash(), "#/lesson/1.1/step/2?present");
        let l = Location::parse("#/lesson/1.1/step/2?present&embed");
        assert_eq!(l.to_hash(), "#/lesson/1.1/step/2?embed&present");
    }

    #[test]
    fn out_of_range_steps_name_the_nearest_step() {
        let step = |h: &str| match Location::parse(h).route {
            Route::Lesson { step, .. } => step,
            other => panic!("{h}: {other:?}"),
        };
        assert_eq!(step("#/lesson/1.2/step/0"), 0);
        assert_eq!(
            Location::parse("#/lesson/1.2/step/0").to_hash(),
            "#/lesson/1.2/step/1"
        );
        assert_eq!(
            step("#/lesson/1.2/step/99"),
            98,
            "the player clamps it to the last"
        );
        assert_eq!(
            step("#/lesson/1.2/step/99999999999999999999999"),
            usize::MAX - 1
        );
    }

    #[test]
    fn nonsense_is_not_found_rather_than_a_panic() {
        for h in [
            "#/lesson/1.2/step/x",
            "#/lesson/1.2/step/-1",
            "#/lesson/1.2/step/",
            "#/zzz",
        ] {
            assert!(
                matches!(Location::parse(h).route, Route::NotFound(_)),
                "{h}"
            );
        }
    }
}
