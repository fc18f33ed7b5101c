"""The hostile corpus: malformed and malicious inputs the tests build on the
fly (no binaries committed), each with the exact outcome acplans must give.

``corpus.build_corpus(folder)`` writes every case and returns what each must
become; ``pdfbytes`` writes raw PDFs object by object, so a case can break
exactly one thing (a missing MediaBox, a cycle in the page tree).
"""
