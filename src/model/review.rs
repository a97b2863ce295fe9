//! The staff's review of a consultation (the studio, `www/studio.html`): an outline and a
//! contributions table joined, a report of what came in, the unclassified contributions with
//! the levers proposed for each, and the staff's choices applied to the motion.
//!
//! Everything here is plain data: the studio page stores the two files and the choices in the
//! browser and rebuilds a `Review` from them after a reload, so a choice is a pair of ids
//! (contribution, lever), never a position in a list.

use serde::Serialize;

use super::table::{Suggestion, suggestions};
use super::{FileDiagnostic, Motion, Proposal, Severity, export, json, load_sheet};

/// What came in and where it went: every contribution of the table is classified,
/// unclassified, or named by an error of the table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    /// Contributions on the map.
    pub contributions: usize,
    /// Of which under at least one lever (after the staff's choices).
    pub classified: usize,
    /// Of which under no lever yet.
    pub unclassified: usize,
    /// Choices made by the staff so far.
    pub chosen: usize,
    pub errors: usize,
    pub warnings: usize,
}

/// One contribution to review: left unclassified by the table.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReviewRow {
    pub id: String,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub collectivity: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    /// The levers closest to its text, best first (empty: no reliable proposal).
    pub proposals: Vec<Suggestion>,
    /// The lever the staff chose, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chosen: Option<String>,
}

/// A lever, for the choice lists.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LeverChoice {
    pub id: String,
    pub title: String,
    pub axis: String,
}

/// An outline and a table under review.
#[derive(Clone, Debug)]
pub struct Review {
    motion: Option<Motion>,
    diagnostics: Vec<FileDiagnostic>,
    rows: Vec<ReviewRow>,
}

impl Review {
    /// Parses the outline (Markdown or JSON, by its name), joins the table when there is one,
    /// and proposes levers for every contribution the table leaves unclassified.
    pub fn new(outline: &str, outline_name: &str, table: Option<(&str, &str)>) -> Review {
        Review::with_sheet(
            outline,
            outline_name,
            table.map(|(text, name)| (super::table::read_csv(text), name)),
        )
    }

    /// [`Review::new`] with the table already read into rows (a workbook).
    pub fn with_sheet(
        outline: &str,
        outline_name: &str,
        table: Option<(super::table::Sheet, &str)>,
    ) -> Review {
        // The one load path of the map and the CLI.
        let loaded = load_sheet(outline, outline_name, table);
        let (motion, diagnostics) = (loaded.motion, loaded.diagnostics);
        let rows = motion.as_ref().map_or_else(Vec::new, |m| {
            m.contributions
                .iter()
                .filter(|c| c.levers.is_empty())
                .map(|c| ReviewRow {
                    id: c.id.clone(),
                    text: c.text.clone(),
                    author: c.author.clone(),
                    collectivity: c.collectivity.clone(),
                    department: c.department.clone(),
                    // Computed by the load (`model::load` writes them into the map).
                    proposals: suggestions(m, c).unwrap_or_default(),
                    chosen: None,
                })
                .collect()
        });
        Review {
            motion,
            diagnostics,
            rows,
        }
    }

    /// The motion with the choices applied, if the files make a map.
    pub fn motion(&self) -> Option<&Motion> {
        self.motion.as_ref()
    }

    pub fn diagnostics(&self) -> &[FileDiagnostic] {
        &self.diagnostics
    }

    /// The contributions to review, in the table's order.
    pub fn rows(&self) -> &[ReviewRow] {
        &self.rows
    }

    /// Every lever of the motion, in order, for the choice lists.
    pub fn levers(&self) -> Vec<LeverChoice> {
        self.motion.as_ref().map_or_else(Vec::new, |m| {
            m.axes
                .iter()
                .flat_map(|a| {
                    a.levers.iter().map(|l| LeverChoice {
                        id: l.id.clone(),
                        title: l.title.clone(),
                        axis: a.title.clone(),
                    })
                })
                .collect()
        })
    }

    pub fn report(&self) -> Report {
        let (mut errors, mut warnings) = (0, 0);
        for d in &self.diagnostics {
            match d.diagnostic.severity {
                Severity::Error => errors += 1,
                Severity::Warning => warnings += 1,
            }
        }
        let contributions = self.motion.as_ref().map_or(&[][..], |m| &m.contributions);
        let unclassified = contributions.iter().filter(|c| c.levers.is_empty()).count();
        Report {
            contributions: contributions.len(),
            classified: contributions.len() - unclassified,
            unclassified,
            chosen: self.rows.iter().filter(|r| r.chosen.is_some()).count(),
            errors,
            warnings,
        }
    }

    /// Files the contribution `id` (one under review) under `lever`, or back to unclassified
    /// with `None`. False when the contribution is not under review or the lever is unknown.
    pub fn choose(&mut self, id: &str, lever: Option<&str>) -> bool {
        let Some(motion) = self.motion.as_mut() else {
            return false;
        };
        if lever.is_some_and(|l| motion.lever(l).is_none()) {
            return false;
        }
        let Some(row) = self.rows.iter_mut().find(|r| r.id == id) else {
            return false;
        };
        let Some(c) = motion.contributions.iter_mut().find(|c| c.id == id) else {
            return false;
        };
        row.chosen = lever.map(str::to_string);
        c.levers = lever.map(|l| vec![l.to_string()]).unwrap_or_default();
        // Proposals are for an unclassified contribution: gone once it is filed, back if not.
        c.proposals = lever
            .is_none()
            .then(|| row.proposals.iter().cloned().map(Proposal::from).collect());
        true
    }

    /// The choices made, as (contribution, lever) pairs: what the studio stores.
    pub fn choices(&self) -> Vec<(String, String)> {
        self.rows
            .iter()
            .filter_map(|r| r.chosen.clone().map(|l| (r.id.clone(), l)))
            .collect()
    }

    /// The motion in the carte-mentale JSON format, choices applied.
    pub fn to_json(&self) -> Option<String> {
        self.motion.as_ref().map(json::to_json)
    }

    /// The corrected table, in the staff's CSV format (the map's own export: it reads back).
    pub fn to_csv(&self) -> Option<String> {
        self.motion.as_ref().map(|m| {
            let all: Vec<usize> = (0..m.contributions.len()).collect();
            export::contributions_csv(m, &all, None)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OUTLINE: &str = include_str!("../../assets/motion-2021.md");
    const TABLE: &str = "contribution;levier;auteur;departement\n\
        Former les agents et les élus au numérique;a1-l3;Claude Morin;94\n\
        Un service public local de la donnée ouvert, des données publiques partagées;;Alix Martin;81\n\
        Des mots sans rapport aucun;;;\n";

    #[test]
    fn the_report_counts_every_contribution_and_proposes_levers() {
        let r = Review::new(OUTLINE, "motion.md", Some((TABLE, "t.csv")));
        let report = r.report();
        assert_eq!(report.contributions, 3);
        assert_eq!(report.classified, 1);
        assert_eq!(report.unclassified, 2);
        assert_eq!(report.errors, 0);
        assert_eq!(r.rows().len(), 2);
        assert!(r.diagnostics().iter().all(|d| d.file == "t.csv"));
        // The row about public data gets proposals; all of them are levers of the motion.
        let m = r.motion().unwrap();
        assert!(!r.rows()[0].proposals.is_empty());
        assert!(
            r.rows()[0]
                .proposals
                .iter()
                .all(|s| m.lever(&s.lever).is_some())
        );
        assert_eq!(r.levers().len(), 12);
    }

    #[test]
    fn choices_apply_to_the_json_and_the_table_and_survive_a_rebuild() {
        let mut r = Review::new(OUTLINE, "motion.md", Some((TABLE, "t.csv")));
        let id = r.rows()[0].id.clone();
        assert!(!r.choose(&id, Some("no-such-lever")));
        assert!(!r.choose("no-such-id", Some("a3-l2")));
        assert!(r.choose(&id, Some("a3-l2")));
        assert_eq!(r.report().classified, 2);
        assert_eq!(r.report().chosen, 1);
        let csv = r.to_csv().unwrap();
        let json = r.to_json().unwrap();
        // The corrected table reads back with the choice, and so does the JSON.
        let again = Review::new(OUTLINE, "motion.md", Some((&csv, "corrige.csv")));
        assert_eq!(again.report().classified, 2);
        assert_eq!(again.report().unclassified, 1);
        let from_json = crate::model::parse(&json, crate::model::Format::Json)
            .value
            .unwrap();
        let c = from_json.contributions.iter().find(|c| c.id == id).unwrap();
        assert_eq!(c.levers, vec!["a3-l2".to_string()]);
        // Replaying the stored choices on a fresh review gives the same motion.
        let mut replay = Review::new(OUTLINE, "motion.md", Some((TABLE, "t.csv")));
        for (c, l) in r.choices() {
            assert!(replay.choose(&c, Some(&l)));
        }
        assert_eq!(replay.motion(), r.motion());
        // And a choice can be taken back.
        assert!(replay.choose(&id, None));
        assert_eq!(replay.report().unclassified, 2);
    }

    #[test]
    fn an_outline_alone_is_reviewed_with_its_own_contributions() {
        let r = Review::new(OUTLINE, "motion.md", None);
        assert!(r.motion().is_some());
        assert_eq!(
            r.report().contributions,
            r.motion().unwrap().contributions.len()
        );
        assert_eq!(r.report().errors, 0);
    }

    #[test]
    fn an_outline_that_does_not_parse_is_reported_not_a_panic() {
        let r = Review::new("pas un plan", "motion.md", Some((TABLE, "t.csv")));
        assert!(r.motion().is_none());
        assert!(r.report().errors > 0);
        assert!(r.rows().is_empty() && r.to_json().is_none() && r.to_csv().is_none());
    }
}
