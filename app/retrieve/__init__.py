"""Getting a case's images: case and series retrieval, decoding, the native fast path, study
watch, image cache. No Qt.
"""
