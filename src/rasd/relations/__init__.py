"""The relation stage: explicit statements between actors, people and places."""
