"""One loader and one emitter per format; formats meet only in the IR."""
