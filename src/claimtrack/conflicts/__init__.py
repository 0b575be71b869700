"""Finding contradictions between claims: value conflicts, tensions and joint (rule) conflicts."""
