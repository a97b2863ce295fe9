//! The layout's physics: the forces, one per file (as in d3-force), the Barnes–Hut quadtree
//! and the collision grid they use, and the step that moves the nodes. Each force reads and
//! writes the flat arrays of a [`Bodies`] and is a function of `alpha`; none allocates.
//!
//! A crate of its own so that it is compiled for speed while the rest of the map's module is
//! compiled for size (`Cargo.toml`, `docs/size.md`): every tick runs here. It knows nothing of
//! the map: `carte-mentale`'s `layout` gathers the bodies from its graph, calls these and
//! reads the positions back.

pub mod center;
pub mod collide;
pub mod grid;
pub mod link;
pub mod many_body;
pub mod quadtree;
pub mod ring;
pub mod rng;
pub mod sim;

/// The simulated nodes as flat arrays, indexed by node index. Only `active` nodes move or
/// act; `fixed` ones act on others but do not move.
#[derive(Clone, Debug)]
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

impl Default for Bodies {
    fn default() -> Self {
        Bodies::EMPTY
    }
}

impl Bodies {
    /// No body, in a constant (what `Default` gives).
    pub const EMPTY: Bodies = Bodies {
        x: Vec::new(),
        y: Vec::new(),
        vx: Vec::new(),
        vy: Vec::new(),
        charge: Vec::new(),
        radius: Vec::new(),
        fixed: Vec::new(),
        tx: Vec::new(),
        ty: Vec::new(),
        tstrength: Vec::new(),
        active: Vec::new(),
    };

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

/// Moves the active nodes by their velocity, slowed by `decay` (d3's `velocityDecay`); fixed
/// ones stop. Returns the largest displacement along an axis.
pub fn integrate(b: &mut Bodies, decay: f32) -> f32 {
    let mut max_speed = 0.0f32;
    for &i in &b.active {
        let i = i as usize;
        if b.fixed[i] {
            b.vx[i] = 0.0;
            b.vy[i] = 0.0;
            continue;
        }
        b.vx[i] *= 1.0 - decay;
        b.vy[i] *= 1.0 - decay;
        b.x[i] += b.vx[i];
        b.y[i] += b.vy[i];
        max_speed = max_speed.max(b.vx[i].abs().max(b.vy[i].abs()));
    }
    max_speed
}
