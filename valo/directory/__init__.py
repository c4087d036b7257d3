"""directory: organisations (the institution's tree and its partners), labels, people, affiliations,
and the memberships that give users a role over a part of the tree."""
