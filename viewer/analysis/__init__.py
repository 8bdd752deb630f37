"""Stroke analysis (no Qt): MR ADC core and DWI–FLAIR mismatch, CT perfusion maps.

:mod:`viewer.analysis.results` holds the types the analyses hand to the command
line, the DICOM writers and the viewer; each analysis lives in its own module
(``perfusion``, ``adc``, ``mismatch``), ``study`` finds what applies in a study
and runs it, ``dicom_out`` writes the Parametric Maps and Segmentations.
"""
