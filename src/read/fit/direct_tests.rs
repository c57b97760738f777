//! Unit tests of the fast path's reader for session, lap, event, device_info and file_id
//! messages on crafted files, against numbers worked out from the FIT profile.
