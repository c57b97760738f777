//! Element text for both XML readers: collected one leaf at a time with a size cap, and read as a
//! number.

/// A number from element text, ignoring surrounding whitespace; `None` for NaN and infinities.
pub(crate) fn parse_f64(text: &str) -> Option<f64> {
    text.trim().parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Longest element text kept (numbers, times and names are far shorter); the rest is ignored so
/// a hostile megabyte of text costs no more than its reading.
pub(super) const MAX_TEXT_BYTES: usize = 4096;

/// Collects the text of one leaf element at a time, for both readers: started at an element
/// (with the reader's tag for it), fed every text node, finished when that element ends.
#[derive(Debug)]
pub(crate) struct TextCollector<T> {
    open: Option<(usize, T)>,
    text: String,
}

impl<T> Default for TextCollector<T> {
    fn default() -> Self {
        TextCollector {
            open: None,
            text: String::with_capacity(64),
        }
    }
}

impl<T: Copy> TextCollector<T> {
    /// Starts collecting for the element `tag` open at stack `depth`.
    pub(crate) fn start(&mut self, depth: usize, tag: T) {
        self.text.clear();
        self.open = Some((depth, tag));
    }

    /// Adds a text node when collecting, up to [`MAX_TEXT_BYTES`].
    pub(crate) fn push(&mut self, t: &str) {
        if self.open.is_none() {
            return;
        }
        let mut end = MAX_TEXT_BYTES.saturating_sub(self.text.len()).min(t.len());
        while !t.is_char_boundary(end) {
            end = end.saturating_sub(1);
        }
        self.text.push_str(t.get(..end).unwrap_or_default());
    }

    /// Called as the element at stack `depth` ends: the tag whose text is now complete, if it
    /// is the one being collected.
    pub(crate) fn end(&mut self, depth: usize) -> Option<T> {
        match self.open {
            Some((d, tag)) if d == depth => {
                self.open = None;
                Some(tag)
            }
            _ => None,
        }
    }

    /// The text collected.
    pub(crate) fn text(&self) -> &str {
        &self.text
    }
}
