use serde::Serialize;

/// How bad a [`Diagnostic`] is. An `Error` means the input cannot be shown as is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A message about the input, in French, with a 1-based line and column (0 when unknown).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub line: u32,
    pub column: u32,
    pub message: String,
}

impl Diagnostic {
    pub fn error(line: u32, column: u32, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            line,
            column,
            message: message.into(),
        }
    }
    pub fn warning(line: u32, column: u32, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            line,
            column,
            message: message.into(),
        }
    }
    /// `ligne 3, colonne 5 : message` — the form shown in the widget and the CLI.
    pub fn render(&self, file: Option<&str>) -> String {
        let kind = match self.severity {
            Severity::Error => "erreur",
            Severity::Warning => "avertissement",
        };
        let place = match (self.line, self.column) {
            (0, _) => String::new(),
            (l, 0) => format!("ligne {l}"),
            (l, c) => format!("ligne {l}, colonne {c}"),
        };
        match (file, place.is_empty()) {
            (Some(f), false) if self.column == 0 => {
                format!("{f}:{} : {kind} : {}", self.line, self.message)
            }
            (Some(f), false) => format!(
                "{f}:{}:{} : {kind} : {}",
                self.line, self.column, self.message
            ),
            (Some(f), true) => format!("{f} : {kind} : {}", self.message),
            (None, false) => format!("{place} : {}", self.message),
            (None, true) => self.message.clone(),
        }
    }
}

/// The result of parsing: the model if it could be built, and everything worth saying.
#[derive(Clone, Debug, Default)]
pub struct Parsed<T> {
    pub value: Option<T>,
    pub diagnostics: Vec<Diagnostic>,
}

impl<T> Parsed<T> {
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}
