"""The event stage: frames, arguments, modality."""
