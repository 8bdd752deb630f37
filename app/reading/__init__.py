"""The radiologist's reading session: drafting, the identity gate, signing and sending. It sits
above the opinion documents (app/opinion), the worklist and the outbox. No Qt.
"""
