//! The learner's progress as the browser keeps it: `kafka_lessons::Progress` in
//! localStorage under one key, read once when the app starts and written after every
//! change. Nothing is sent anywhere. Stored data that cannot be read (damaged, or of
//! another version of the format) is set aside under a second key, reported in a notice
//! and replaced by empty progress, so the page works and nothing is silently lost.

use kafka_lessons::progress::{Progress, Unreadable};
use leptos::prelude::*;

use crate::browser;
use crate::text;

/// Where progress is kept.
pub const KEY: &str = "kafka-playground.progress";
/// Where unreadable progress is set aside.
pub const SET_ASIDE_KEY: &str = "kafka-playground.progress.unreadable";

/// The app's progress, shared by context.
#[derive(Clone, Copy)]
pub struct ProgressStore {
    /// What was done.
    pub progress: RwSignal<Progress>,
    /// Said once at the top of the page: stored progress could not be read, or an
    /// import's outcome.
    pub notice: RwSignal<Option<String>>,
}

impl ProgressStore {
    /// Reads the stored progress.
    pub fn load() -> Self {
        let (progress, notice) = match browser::load_pref(KEY) {
            None => (Progress::default(), None),
            Some(stored) => match Progress::parse(&stored) {
                Ok(p) => (p, None),
                Err(why) => {
                    browser::save_pref(SET_ASIDE_KEY, &stored);
                    browser::remove_pref(KEY);
                    (
                        Progress::default(),
                        Some(text::progress_unreadable(&unreadable(&why))),
                    )
                }
            },
        };
        ProgressStore {
            progress: RwSignal::new(progress),
            notice: RwSignal::new(notice),
        }
    }

    /// The store the app provides (a fresh, unsaved one where none is, as in tests).
    pub fn get() -> Self {
        use_context::<ProgressStore>().unwrap_or_else(|| ProgressStore {
            progress: RwSignal::new(Progress::default()),
            notice: RwSignal::new(None),
        })
    }

    /// Changes the progress with `change` and saves it when `change` says it changed
    /// something (a step seen twice writes nothing).
    pub fn update(&self, change: impl FnOnce(&mut Progress) -> bool) {
        let mut changed = false;
        self.progress.update_untracked(|p| changed = change(p));
        if changed {
            self.progress.notify();
            self.progress
                .with_untracked(|p| browser::save_pref(KEY, &p.to_json()));
        }
    }

    /// Replaces the progress with an exported file's, or says why it cannot.
    pub fn import(&self, name: &str, body: &str) {
        match Progress::parse(body.trim()) {
            Ok(p) => {
                browser::save_pref(KEY, &p.to_json());
                self.progress.set(p);
                self.notice.set(Some(text::progress_imported(name)));
            }
            Err(why) => self
                .notice
                .set(Some(text::progress_import_failed(name, &why))),
        }
    }

    /// Forgets everything.
    pub fn reset(&self) {
        browser::remove_pref(KEY);
        self.progress.set(Progress::default());
    }
}

/// Why progress could not be read, for the notices.
pub fn unreadable(why: &Unreadable) -> String {
    match why {
        Unreadable::Damaged(e) => text::progress_damaged(e),
        Unreadable::OtherVersion(v) => text::progress_other_version(*v),
    }
}
