//! The structured input of the export targets: actors with arbitrary ids and names, and
//! claims between them, read by `arbitrary` in this field order.

use arbitrary::Arbitrary;
use geokg::{Actor, ActorKind, Claim, Provenance, RelationKind};

#[derive(Debug, Arbitrary)]
pub struct GraphInput {
    actors: Vec<(String, String, u8)>,
    claims: Vec<(u8, u8, u8, bool, String)>,
}

impl GraphInput {
    /// At most 64 actors (the first of each id) and 256 curated claims between them.
    pub fn actors_and_claims(self) -> (Vec<Actor>, Vec<Claim>) {
        let mut actors: Vec<Actor> = Vec::new();
        for (id, name, kind) in self.actors.into_iter().take(64) {
            if actors.iter().any(|a| a.id == id) {
                continue;
            }
            let kind = ActorKind::ALL[kind as usize % ActorKind::ALL.len()];
            actors.push(Actor::new(id, name, kind));
        }
        let mut claims = Vec::new();
        if !actors.is_empty() {
            for (s, r, t, hedged, citation) in self.claims.into_iter().take(256) {
                let s = &actors[s as usize % actors.len()];
                let t = &actors[t as usize % actors.len()];
                claims.push(Claim {
                    source: s.id.clone(),
                    kind: RelationKind::ALL[r as usize % 3],
                    target: t.id.clone(),
                    hedged,
                    confidence: if hedged { 0.6 } else { 1.0 },
                    from: None,
                    until: None,
                    provenance: Provenance::Curated {
                        citation,
                        source_ref: None,
                        conflict: None,
                    },
                });
            }
        }
        (actors, claims)
    }
}
