//! The message log: every message and error the TUI showed, newest last, so
//! a later message never hides an earlier error. The hint row shows the
//! newest message until the next key; an error also stays on the status
//! line until it is acknowledged (the log is opened) or
//! [`ERROR_KEYS`] keys later.

use std::collections::VecDeque;

/// How many messages the log keeps.
pub const LOG_CAPACITY: usize = 200;
/// For how many keys an unacknowledged error stays on the status line.
pub const ERROR_KEYS: u64 = 5;

/// One logged message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logged {
    /// The text, as given (untrusted parts are sanitised when drawn).
    pub text: String,
    pub error: bool,
    /// Wall-clock time it was shown, `HH:MM:SS` (UTC).
    pub at: String,
    /// How many times the same message came in a row (`× 3`).
    pub repeats: usize,
}

/// The log and the error still shown on the status line.
#[derive(Debug, Clone, Default)]
pub struct MessageLog {
    entries: VecDeque<Logged>,
    /// Keys handled so far.
    keys: u64,
    /// The last error not acknowledged yet, and the key count when it came.
    error: Option<(Logged, u64)>,
}

impl MessageLog {
    /// Adds a message (a repeat of the newest one is counted, not added).
    pub fn push(&mut self, text: &str, error: bool) {
        let at = crate::store::time::now_rfc3339()
            .get(11..19)
            .unwrap_or("")
            .to_string();
        match self.entries.back_mut() {
            Some(last) if last.text == text && last.error == error => {
                last.repeats += 1;
                last.at = at;
            }
            _ => {
                if self.entries.len() == LOG_CAPACITY {
                    self.entries.pop_front();
                }
                self.entries.push_back(Logged {
                    text: text.to_string(),
                    error,
                    at,
                    repeats: 1,
                });
            }
        }
        if error && let Some(last) = self.entries.back() {
            self.error = Some((last.clone(), self.keys));
        }
    }

    /// Counts one key the analyst pressed (an error expires after [`ERROR_KEYS`]).
    pub fn key(&mut self) {
        self.keys += 1;
        if self
            .error
            .as_ref()
            .is_some_and(|(_, at)| self.keys > at + ERROR_KEYS)
        {
            self.error = None;
        }
    }

    /// The error the status line still shows, if any.
    pub fn pending_error(&self) -> Option<&Logged> {
        self.error.as_ref().map(|(e, _)| e)
    }

    /// The analyst has seen the errors (the log was opened).
    pub fn acknowledge(&mut self) {
        self.error = None;
    }

    /// Every logged message, oldest first.
    pub fn entries(&self) -> impl DoubleEndedIterator<Item = &Logged> + ExactSizeIterator {
        self.entries.iter()
    }

    /// How many messages are logged.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when nothing was logged.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_later_message_does_not_hide_an_error() {
        let mut log = MessageLog::default();
        log.push("keys: unknown action `fly`", true);
        log.key();
        log.push("re-attached 2 verdicts", false);
        assert_eq!(
            log.pending_error().map(|e| e.text.as_str()),
            Some("keys: unknown action `fly`")
        );
        let texts: Vec<_> = log.entries().map(|e| e.text.as_str()).collect();
        assert_eq!(
            texts,
            ["keys: unknown action `fly`", "re-attached 2 verdicts"]
        );
    }

    #[test]
    fn an_error_expires_after_some_keys_or_when_acknowledged() {
        let mut log = MessageLog::default();
        log.push("boom", true);
        for _ in 0..ERROR_KEYS {
            log.key();
        }
        assert!(log.pending_error().is_some());
        log.key();
        assert!(log.pending_error().is_none());
        log.push("again", true);
        log.acknowledge();
        assert!(log.pending_error().is_none());
    }

    #[test]
    fn repeats_are_counted_and_the_log_is_bounded() {
        let mut log = MessageLog::default();
        log.push("saved", false);
        log.push("saved", false);
        assert_eq!(log.len(), 1);
        assert_eq!(log.entries().next().map(|e| e.repeats), Some(2));
        for i in 0..LOG_CAPACITY + 5 {
            log.push(&format!("m{i}"), false);
        }
        assert_eq!(log.len(), LOG_CAPACITY);
    }
}
