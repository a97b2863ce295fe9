//! The forces, one per file (as in d3-force). Each reads and writes the flat arrays of a
//! [`Bodies`] and is a function of `alpha`; none allocates.

pub mod center;
pub mod collide;
pub mod link;
pub mod many_body;
pub mod ring;

/// The simulated nodes as flat arrays, indexed by node index. Only `active` nodes move or
/// act; `fixed` ones act on others but do not move.
#[derive(Clone, Debug, Default)]
pub struct Bodies {
    pub x: Vec<f32>,
    pub y: Vec<f32>,
    pub vx: Vec<f32>,
    pub vy: Vec<f32>,
    /// Many-body strength (negative repels), as d3's `forceManyBody().strength`.
    pub charge: Vec<f32>,
    /// Collision radius.
    pub radius: Vec<f32>,
    pub fixed: Vec<bool>,
    /// Target point and the strength of the pull towards it (0: none).
    pub tx: Vec<f32>,
    pub ty: Vec<f32>,
    pub tstrength: Vec<f32>,
    /// Indices of the nodes that take part (visible ones), ascending.
    pub active: Vec<u32>,
}

impl Bodies {
    pub fn resize(&mut self, n: usize) {
        for v in [
            &mut self.x,
            &mut self.y,
            &mut self.vx,
            &mut self.vy,
            &mut self.charge,
            &mut self.radius,
        ] {
            v.resize(n, 0.0);
        }
        for v in [&mut self.tx, &mut self.ty, &mut self.tstrength] {
            v.resize(n, 0.0);
        }
        self.fixed.resize(n, false);
    }
}

/// A spring between two nodes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spring {
    pub source: u32,
    pub target: u32,
    pub rest: f32,
    pub strength: f32,
}
