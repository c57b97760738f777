//! How a FIT definition message lays out the data messages that follow it: the one fact the
//! walker and the resynchronizer (`resync.rs`) both need.

/// The sizes a definition gives its data messages.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Layout {
    /// Bytes of regular fields.
    pub(super) field_bytes: usize,
    /// Bytes of developer fields (after the regular ones).
    pub(super) dev_bytes: usize,
}
