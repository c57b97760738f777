//! Synthetic runs with known ground truth, and writers that turn them into FIT, GPX and TCX files
//! (skeleton; being written).
