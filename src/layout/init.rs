//! The plan of the map and the deterministic placement of nodes: where each level goes.
//!
//! Axes sit around the motion on a first ring, each owning a sector in proportion to what it
//! holds (never less than half an equal share); its levers are fanned inside the middle 80% of
//! it on a second ring, each lever taking a share of the sector that grows with the room its
//! title and its visible contributions need. The rings are then stretched to the aspect ratio
//! of the element (ellipses on a wide element, tall ones on a phone), so that the whole-map
//! view uses the width it is given. The plan is made when the layout is created; nodes shown
//! later are placed around the current positions.
//!
//! Contributions are laid out in a *petal* beyond their lever: rows on arcs centred on the
//! motion, starting just outside the lever, each row swept from one side to the other
//! (alternately, so that consecutive slots are neighbours), the last partial row centred on the
//! lever's direction. A petal never extends past [`GAP_USE`] of the angular half-gap to the
//! neighbouring levers, and all levers lie on one ring: a point closer in angle to a lever than
//! to any other is closer to it in distance too, so every contribution is nearest its own
//! lever. Rows are [`ROW_GAP`] apart and slots [`SPACING`] apart along a row, more than the
//! contact distance of two contributions, so the start has no overlap. Contributions linked to
//! each other take consecutive slots, after the others: the outermost rows, where few of the
//! lever's links pass between two neighbours. Those that also speak to another lever go on a
//! *strand* — the straight line from their lever towards the other one, inside the lever ring,
//! a bead every [`SPACING`] (see [`Strands`]) — so their two links run along one line: two
//! strands cross only where their levers interleave around the ring, and no strand crosses the
//! fan of its lever's own links (any that do not fit take the innermost outer slots). On the
//! synthetic motions of the benchmark the strands cut the crossings per link by a quarter
//! (20 000 contributions: 6.28 → 4.73), after the outer rows had more than halved them.
//!
//! Each link's rest length is its length in this placement (see `Layout`): the simulation
//! starts near equilibrium and only has to relax it.

use crate::model::{LinkKind, MindGraph};

/// Smallest distance between the motion and an axis.
pub const MIN_AXIS_RING: f32 = 170.0;
/// Fraction of an axis's sector its levers may use (keeps each lever nearest its own axis).
const SECTOR_USE: f32 = 0.8;
/// Distance between neighbouring contributions along a row of a petal.
pub const SPACING: f32 = 20.0;
/// Distance between the rows of a petal.
pub const ROW_GAP: f32 = 19.0;
/// Distance from a lever to the first row of its petal.
pub const FIRST_ROW: f32 = 36.0;
/// Fraction of the angular half-gap to a neighbouring lever that a petal may use.
pub const GAP_USE: f32 = 0.8;
/// Ring room of a lever without visible contributions.
const MIN_LEVER_WIDTH: f32 = 160.0;
/// Ring room of a lever per unit of the side of a square holding its contributions.
const WIDTH_PER_SIDE: f32 = 1.25;
/// Ring room of a lever per character of its title (capped at [`TITLE_CHARS`]): long titles
/// need wide labels.
const WIDTH_PER_CHAR: f32 = 0.9;
const TITLE_CHARS: usize = 180;
/// Smallest share of the circle an axis gets, as a fraction of an equal share.
const MIN_AXIS_SHARE: f32 = 0.5;
/// How far the plan follows the element's aspect ratio: the ellipse's width over height is the
/// aspect ratio to the power 3/4 (see [`stretch_for`]), kept within this and its inverse.
const MAX_STRETCH: f32 = 2.2;
/// Distance between the outermost petal and the ring of unclassified contributions.
const UNCLASSIFIED_GAP: f32 = 60.0;

/// No node (host of a contribution placed on the outer ring, or hidden).
pub const NONE: u32 = u32::MAX;
/// Flag of a contribution's slot on a strand inside the lever ring; the rest of the slot is its
/// bead's number along the strand (see [`Strands`]).
pub const INNER: u32 = 1 << 30;
/// Strands stay outside this fraction of the lever ring's radius (the axis ring is at half of
/// it at most).
const INNER_LIMIT: f32 = 0.65;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Plan {
    /// Radius of the axis ring and of the lever ring.
    pub r1: f32,
    pub r2: f32,
    /// Per node: angle of its planned place (axes and levers), else 0.
    pub angle: Vec<f32>,
    /// Per node (levers): how many visible contributions it hosts.
    pub visible_children: Vec<u32>,
    /// Horizontal and vertical stretch of the rings (their product is 1).
    pub stretch: [f32; 2],
}

/// The stretch of the rings for an element of this aspect ratio (width over height); a ratio
/// that is not a positive number gives circles.
pub fn stretch_for(aspect: f32) -> [f32; 2] {
    if !(aspect.is_finite() && aspect > 0.0) {
        return [1.0, 1.0];
    }
    // a^(3/4) as √a · ⁴√a: square roots are exact in IEEE arithmetic, the same bits natively
    // and in wasm, without libm's power function.
    let root = aspect.sqrt();
    let ratio = (root * root.sqrt()).clamp(1.0 / MAX_STRETCH, MAX_STRETCH);
    let s = ratio.sqrt();
    [s, 1.0 / s]
}

/// Side of a square holding `k` contributions at petal density.
fn side(k: u32) -> f32 {
    (k as f32 * SPACING * ROW_GAP).sqrt()
}

/// The rings and angles, given which lever hosts each visible contribution, for an element of
/// this aspect ratio (width over height).
pub fn plan(graph: &MindGraph, host: &[u32], aspect: f32) -> Plan {
    let n = graph.len();
    let mut p = Plan {
        angle: vec![0.0; n],
        visible_children: vec![0; n],
        stretch: stretch_for(aspect),
        ..Plan::default()
    };
    for &h in host {
        if h != NONE {
            p.visible_children[h as usize] += 1;
        }
    }
    // The sectors around the ring: one per axis, and one for each lever-level node straight
    // under the motion (the motion's « Non classées » group), after the axes.
    let is_head = |i: usize| {
        let node = &graph.nodes[i];
        node.level == 1 || (node.level == 2 && node.parent == Some(0))
    };
    let axes: Vec<usize> = (0..n).filter(|&i| is_head(i)).collect();
    let axis_count = axes.len();
    // Room each lever needs along the ring (its title and its contributions), and per axis.
    let mut width = vec![0.0f32; n];
    let mut axis_width = vec![0.0f32; n];
    for (i, node) in graph.nodes.iter().enumerate() {
        if node.level != 2 {
            continue;
        }
        let title = node.label.chars().take(TITLE_CHARS).count() as f32 * WIDTH_PER_CHAR;
        width[i] =
            (WIDTH_PER_SIDE * side(p.visible_children[i])).max(MIN_LEVER_WIDTH + title) + 20.0;
        if is_head(i) {
            axis_width[i] += width[i];
        } else if let Some(a) = node.parent {
            axis_width[a as usize] += width[i];
        }
    }
    // Each axis's sector in proportion to its room, never below half an equal share.
    let equal = 1.0 / axis_count.max(1) as f32;
    let total: f32 = axes.iter().map(|&a| axis_width[a]).sum();
    let raw: Vec<f32> = axes
        .iter()
        .map(|&a| {
            let share = if total > 0.0 {
                axis_width[a] / total
            } else {
                equal
            };
            share.max(equal * MIN_AXIS_SHARE)
        })
        .collect();
    let raw_total: f32 = raw.iter().sum();
    let sectors: Vec<f32> = raw
        .iter()
        .map(|s| std::f32::consts::TAU * s / raw_total.max(f32::MIN_POSITIVE))
        .collect();
    let needed = axes
        .iter()
        .zip(&sectors)
        .map(|(&a, &s)| axis_width[a] / (s * SECTOR_USE))
        .fold(0.0f32, f32::max);
    p.r2 = needed.max(MIN_AXIS_RING + 170.0);
    p.r1 = (p.r2 * 0.5).max(MIN_AXIS_RING);
    // The first axis straight up, the others clockwise, each in the middle of its sector.
    let mut start = -std::f32::consts::FRAC_PI_2 - sectors.first().copied().unwrap_or(0.0) * 0.5;
    for (&a, &sector) in axes.iter().zip(&sectors) {
        let theta = start + sector * 0.5;
        start += sector;
        p.angle[a] = theta;
        if graph.nodes[a].level == 2 {
            continue;
        }
        let levers = &graph.children[a];
        let total: f32 = levers.iter().map(|&l| width[l as usize]).sum();
        let mut acc = 0.0;
        for &l in levers {
            let w = width[l as usize];
            let share = if total > 0.0 {
                (acc + w * 0.5) / total
            } else {
                0.5
            };
            p.angle[l as usize] = theta + (share - 0.5) * sector * SECTOR_USE;
            acc += w;
        }
    }
    p
}

pub fn polar(r: f32, angle: f32) -> [f32; 2] {
    [r * super::trig::cos(angle), r * super::trig::sin(angle)]
}

/// Planned place of a motion, axis or lever (contributions: the origin).
pub fn planned(graph: &MindGraph, plan: &Plan, i: usize) -> [f32; 2] {
    match graph.nodes[i].level {
        1 => stretched(plan, polar(plan.r1, plan.angle[i])),
        2 => stretched(plan, polar(plan.r2, plan.angle[i])),
        _ => [0.0, 0.0],
    }
}

fn stretched(plan: &Plan, p: [f32; 2]) -> [f32; 2] {
    [p[0] * plan.stretch[0], p[1] * plan.stretch[1]]
}

/// Pull of a node of this level towards its target (its place in the plan or petal).
pub fn target_strength(level: u8) -> f32 {
    match level {
        0 => 0.0,
        1 => 0.6,
        2 => 0.4,
        _ => CONTRIBUTION_PULL,
    }
}

/// Pull of a contribution towards its slot.
pub const CONTRIBUTION_PULL: f32 = 0.2;

/// The levers of each contribution, in link order (its parent first), from one pass over
/// the links.
pub fn levers_by_contribution(graph: &MindGraph) -> Vec<Vec<u32>> {
    let mut levers = vec![Vec::new(); graph.len()];
    for l in &graph.links {
        if l.kind == LinkKind::LeverContribution {
            levers[l.target as usize].push(l.source);
        }
    }
    levers
}

/// The lever a newly shown contribution is laid out around: among its visible levers, the one
/// with the most contributions among `new` (the lever being unfolded), the first on a tie;
/// [`NONE`] if none of its levers is visible.
pub fn choose_hosts(graph: &MindGraph, visible: &[bool], new: &[u32], host: &mut [u32]) {
    let mut weight = vec![0u32; graph.len()];
    let mut is_new = vec![false; graph.len()];
    for &c in new {
        is_new[c as usize] = true;
    }
    for l in &graph.links {
        if l.kind == LinkKind::LeverContribution && is_new[l.target as usize] {
            weight[l.source as usize] += 1;
        }
    }
    let levers = levers_by_contribution(graph);
    for &c in new {
        let mut best = NONE;
        for &l in &levers[c as usize] {
            if visible[l as usize] && (best == NONE || weight[l as usize] > weight[best as usize]) {
                best = l;
            }
        }
        host[c as usize] = best;
    }
}

/// Slot positions of a petal, in slot order: rows on arcs centred on the motion, starting
/// just outside the lever; each row swept from one side to the other, alternately, so that
/// consecutive slots are neighbours; the last, partial row centred on the lever's direction.
struct Petal {
    rho: f32,
    angle: f32,
    /// Angular extent on each side of the lever's direction.
    left: f32,
    right: f32,
    /// Slots still to give, this row's number, its slot count, first index and slots given.
    remaining: u32,
    row: u32,
    row_slots: u32,
    first: u32,
    count: u32,
    taken: u32,
}

impl Petal {
    fn new(lever: [f32; 2], left: f32, right: f32, total: u32) -> Petal {
        Petal {
            rho: libm::hypotf(lever[0], lever[1]),
            angle: libm::atan2f(lever[1], lever[0]),
            left,
            right,
            remaining: total,
            row: 0,
            row_slots: 0,
            first: 0,
            count: 0,
            taken: 0,
        }
    }

    /// Radius of row `r`.
    fn row_radius(&self, r: u32) -> f32 {
        self.rho + FIRST_ROW + r as f32 * ROW_GAP
    }
}

impl Iterator for Petal {
    type Item = [f32; 2];

    fn next(&mut self) -> Option<[f32; 2]> {
        if self.remaining == 0 {
            return None;
        }
        let width = self.left + self.right;
        if self.taken == self.count {
            if self.count > 0 {
                self.row += 1;
            }
            let arc = width * self.row_radius(self.row);
            self.row_slots = ((arc / SPACING) as u32).max(1);
            self.count = self.row_slots.min(self.remaining);
            // A partial row is centred on the lever's direction.
            let centre = if width > 0.0 {
                self.left / width * self.row_slots as f32
            } else {
                0.5
            };
            let first = (centre - self.count as f32 * 0.5).max(0.0) as u32;
            self.first = first.min(self.row_slots - self.count);
            self.taken = 0;
        }
        let step = if self.row.is_multiple_of(2) {
            self.taken
        } else {
            self.count - 1 - self.taken
        };
        let index = self.first + step;
        self.taken += 1;
        self.remaining -= 1;
        let t = if self.row_slots == 1 {
            self.left / width.max(f32::MIN_POSITIVE)
        } else {
            (index as f32 + 0.5) / self.row_slots as f32
        };
        let angle = self.angle - self.left + t * width;
        Some(polar(self.row_radius(self.row), angle))
    }
}

/// Places the contributions `new` (hidden until now, hosts already chosen) around their host
/// levers, after the slots used by visible contributions hosted there; contributions without
/// a host go on a ring outside everything else. `visible` includes the new nodes.
/// Writes `positions` and `slot` of the new nodes.
pub fn place_contributions(
    graph: &MindGraph,
    positions: &mut [[f32; 2]],
    visible: &[bool],
    new: &[u32],
    host: &[u32],
    slot: &mut [u32],
) {
    let n = graph.len();
    let mut is_new = vec![false; n];
    for &c in new {
        is_new[c as usize] = true;
    }
    // Visible levers by angle, for the room on each side of a petal.
    let mut levers: Vec<(f32, u32)> = (0..n)
        .filter(|&i| graph.nodes[i].level == 2 && visible[i])
        .map(|i| (libm::atan2f(positions[i][1], positions[i][0]), i as u32))
        .collect();
    crate::model::order::sort_by_key(&mut levers, |a| {
        (u128::from(crate::model::order::f32_key(a.0)) << 32) | u128::from(a.1)
    });
    let tau = std::f32::consts::TAU;
    let mut room = vec![(0.0f32, 0.0f32); n];
    // Distance from each lever to the nearer of its neighbours on the ring.
    let mut near = vec![f32::INFINITY; n];
    for (k, &(angle, l)) in levers.iter().enumerate() {
        if levers.len() >= 2 {
            let at = positions[l as usize];
            for m in [
                (k + levers.len() - 1) % levers.len(),
                (k + 1) % levers.len(),
            ] {
                let q = positions[levers[m].1 as usize];
                near[l as usize] = near[l as usize].min(libm::hypotf(q[0] - at[0], q[1] - at[1]));
            }
        }
        let (left, right) = if levers.len() < 2 {
            (std::f32::consts::PI, std::f32::consts::PI)
        } else {
            let prev = levers[(k + levers.len() - 1) % levers.len()].0;
            let next = levers[(k + 1) % levers.len()].0;
            (
                (angle - prev).rem_euclid(tau),
                (next - angle).rem_euclid(tau),
            )
        };
        room[l as usize] = (left * 0.5 * GAP_USE, right * 0.5 * GAP_USE);
    }
    // New contributions per host, neighbours by cross links kept next to each other.
    let mut cross: Vec<Vec<u32>> = vec![Vec::new(); n];
    for l in &graph.links {
        if l.kind == LinkKind::Cross && is_new[l.source as usize] && is_new[l.target as usize] {
            cross[l.source as usize].push(l.target);
            cross[l.target as usize].push(l.source);
        }
    }
    let mut queued = vec![false; n];
    let mut by_host: Vec<Vec<u32>> = vec![Vec::new(); n];
    let mut outer: Vec<u32> = Vec::new();
    let mut queue = std::collections::VecDeque::new();
    // Contributions that also speak to another visible lever go on strands inside the lever
    // ring: their long link then runs inside the ring instead of across other petals.
    let levers_of = levers_by_contribution(graph);
    let other_lever = |c: u32| {
        let h = host[c as usize];
        levers_of[c as usize]
            .iter()
            .copied()
            .find(|&l| l != h && visible[l as usize])
    };
    let shared = |c: u32| other_lever(c).is_some();
    // Signed angle from the host to the contribution's first other visible lever.
    let toward = |c: u32| {
        let h = host[c as usize] as usize;
        levers_of[c as usize]
            .iter()
            .find(|&&l| l as usize != h && visible[l as usize])
            .map(|&l| {
                let (a, b) = (positions[h], positions[l as usize]);
                let d = libm::atan2f(b[1], b[0]) - libm::atan2f(a[1], a[0]);
                (d + std::f32::consts::PI).rem_euclid(tau) - std::f32::consts::PI
            })
            .unwrap_or(0.0)
    };
    let mut first: Vec<(f32, u32)> = new
        .iter()
        .filter(|&&c| host[c as usize] != NONE && shared(c))
        .map(|&c| (toward(c), c))
        .collect();
    crate::model::order::sort_by_key(&mut first, |a| {
        (u128::from(crate::model::order::f32_key(a.0)) << 32) | u128::from(a.1)
    });
    // Then the others, those linked to another contribution last: they take the outermost
    // slots, where the link between two neighbours is crossed by few of the lever's links
    // (every lever link to a farther row passes between two neighbours of an inner row).
    let plain = |c: &u32| !(host[*c as usize] != NONE && shared(*c));
    let order = first
        .iter()
        .map(|&(_, c)| c)
        .chain(
            new.iter()
                .copied()
                .filter(|c| plain(c) && cross[*c as usize].is_empty()),
        )
        .chain(
            new.iter()
                .copied()
                .filter(|c| plain(c) && !cross[*c as usize].is_empty()),
        )
        .collect::<Vec<u32>>();
    for c in order {
        if queued[c as usize] {
            continue;
        }
        queued[c as usize] = true;
        queue.push_back(c);
        while let Some(d) = queue.pop_front() {
            let h = host[d as usize];
            if h == NONE {
                outer.push(d);
            } else {
                by_host[h as usize].push(d);
            }
            for &e in &cross[d as usize] {
                if !queued[e as usize] && host[e as usize] == h {
                    queued[e as usize] = true;
                    queue.push_back(e);
                }
            }
        }
    }
    // Slots already in use per host; for the inner strands, the next free bead of each
    // (host, other lever) strand.
    let mut used: Vec<Vec<u32>> = vec![Vec::new(); n];
    let mut strands = Strands::new(n);
    for i in 0..n {
        if visible[i] && !is_new[i] && graph.nodes[i].level == 3 && host[i] != NONE {
            let h = host[i] as usize;
            if slot[i] & INNER == 0 {
                used[h].push(slot[i]);
            } else if let Some(t) = other_lever(i as u32) {
                strands.taken(host[i], t, slot[i] & !INNER);
            }
        }
    }
    for (l, members) in by_host.iter().enumerate() {
        if members.is_empty() {
            continue;
        }
        let mut taken = std::mem::take(&mut used[l]);
        crate::model::order::sort_u32(&mut taken);
        let rho = libm::hypotf(positions[l][0], positions[l][1]);
        // Contributions that also speak to another lever go on strands inside the lever ring,
        // as far as there is room; the rest (and any overflow) in the petal outside.
        let (sharing, others): (Vec<u32>, Vec<u32>) = members.iter().partition(|&&c| shared(c));
        let overflow = strands.place(
            positions,
            slot,
            l as u32,
            &sharing,
            &other_lever,
            rho * INNER_LIMIT,
            near[l],
        );
        let outer: Vec<u32> = overflow.into_iter().chain(others).collect();
        if outer.is_empty() {
            continue;
        }
        let k = (taken.len() + outer.len()) as u32;
        let s = side(k);
        let round = s / (2.0 * rho + s);
        let (left, right) = (room[l].0.min(round), room[l].1.min(round));
        let petal = Petal::new(positions[l], left, right, k);
        let mut used_iter = taken.iter().peekable();
        let mut members = outer.iter();
        for (this, p) in (0u32..).zip(petal) {
            if used_iter.peek().is_some_and(|&&u| u == this) {
                while used_iter.peek().is_some_and(|&&u| u == this) {
                    used_iter.next();
                }
                continue;
            }
            match members.next() {
                Some(&c) => {
                    positions[c as usize] = p;
                    slot[c as usize] = this;
                }
                None => break,
            }
        }
    }
    if !outer.is_empty() {
        let reach = (0..n)
            .filter(|&i| visible[i] && !(is_new[i] && host[i] == NONE))
            .map(|i| libm::hypotf(positions[i][0], positions[i][1]))
            .fold(0.0f32, f32::max);
        let mut r = reach + UNCLASSIFIED_GAP;
        let mut rest = &outer[..];
        while !rest.is_empty() {
            let capacity = ((tau * r / (2.0 * SPACING)) as usize).max(1);
            let (ring, more) = rest.split_at(capacity.min(rest.len()));
            for (j, &c) in ring.iter().enumerate() {
                positions[c as usize] = polar(
                    r,
                    -std::f32::consts::FRAC_PI_2 + tau * j as f32 / ring.len() as f32,
                );
                slot[c as usize] = NONE;
            }
            rest = more;
            r += ROW_GAP;
        }
    }
}

/// The strands of inner contributions: a contribution that also speaks to another lever is
/// laid out on the straight line from its host towards that lever, inside the lever ring, a
/// bead every [`SPACING`]. Its two links then run along one line: two strands cross only where
/// their levers interleave around the ring, and a strand crosses no link of its host's petal.
/// Each host's strands are all placed at once ([`Strands::place`]), after the beads already in
/// use are known ([`Strands::taken`]).
struct Strands {
    /// Per host node: (other lever, bead) of each bead in use, in no order.
    used: Vec<Vec<(u32, u32)>>,
}

impl Strands {
    fn new(nodes: usize) -> Self {
        Strands {
            used: vec![Vec::new(); nodes],
        }
    }

    /// Bead `bead` of the strand from `host` towards `lever` is in use.
    fn taken(&mut self, host: u32, lever: u32, bead: u32) {
        self.used[host as usize].push((lever, bead));
    }

    /// Places `members` of `host` (in order) on their strands; returns those that find no
    /// room: a strand stays within half the distance to the other lever and to the host's
    /// nearer neighbour on the ring (so every bead is nearest one of its own levers) and
    /// outside `min_radius`, and starts far enough from the host that its first bead is
    /// [`SPACING`] from the first bead of the neighbouring strands.
    #[allow(clippy::too_many_arguments)]
    fn place(
        &mut self,
        positions: &mut [[f32; 2]],
        slot: &mut [u32],
        host: u32,
        members: &[u32],
        other_lever: &dyn Fn(u32) -> Option<u32>,
        min_radius: f32,
        near: f32,
    ) -> Vec<u32> {
        let p = positions[host as usize];
        let used = std::mem::take(&mut self.used[host as usize]);
        // Every strand of this host, old and new, by direction.
        let mut targets: Vec<u32> = members.iter().filter_map(|&c| other_lever(c)).collect();
        targets.extend(used.iter().map(|u| u.0));
        crate::model::order::sort_u32(&mut targets);
        targets.dedup();
        let mut geometry: Vec<(f32, u32, [f32; 2], f32)> = targets
            .iter()
            .map(|&t| {
                let q = positions[t as usize];
                let (dx, dy) = (q[0] - p[0], q[1] - p[1]);
                let d = libm::hypotf(dx, dy).max(f32::MIN_POSITIVE);
                (libm::atan2f(dy, dx), t, [dx / d, dy / d], d)
            })
            .collect();
        crate::model::order::sort_by_key(&mut geometry, |g| {
            (u128::from(crate::model::order::f32_key(g.0)) << 32) | u128::from(g.1)
        });
        let tau = std::f32::consts::TAU;
        let k = geometry.len();
        // Per strand (same order as `targets`): direction, first bead's distance, last allowed.
        let mut strand: Vec<(u32, [f32; 2], f32, f32)> = Vec::with_capacity(k);
        for (j, &(angle, t, u, d)) in geometry.iter().enumerate() {
            let gap = if k < 2 {
                tau
            } else {
                let prev = geometry[(j + k - 1) % k].0;
                let next = geometry[(j + 1) % k].0;
                (angle - prev)
                    .rem_euclid(tau)
                    .min((next - angle).rem_euclid(tau))
            };
            let first = if gap >= std::f32::consts::PI {
                FIRST_ROW
            } else {
                FIRST_ROW.max(SPACING / (2.0 * super::trig::sin(gap * 0.5)).max(f32::MIN_POSITIVE))
            };
            strand.push((t, u, first, 0.5 * d.min(near)));
        }
        crate::model::order::sort_by_key(&mut strand, |s| u128::from(s.0));
        // The next free bead of each strand.
        let mut next = vec![0u32; strand.len()];
        for &(t, bead) in &used {
            if let Ok(j) = strand.binary_search_by_key(&t, |s| s.0) {
                next[j] = next[j].max(bead + 1);
            }
        }
        let mut overflow = Vec::new();
        for &c in members {
            let Some(t) = other_lever(c) else {
                overflow.push(c);
                continue;
            };
            let Ok(j) = strand.binary_search_by_key(&t, |s| s.0) else {
                overflow.push(c);
                continue;
            };
            let (_, u, first, last) = strand[j];
            let next = &mut next[j];
            let d = first + *next as f32 * SPACING;
            let at = [p[0] + u[0] * d, p[1] + u[1] * d];
            if d > last || libm::hypotf(at[0], at[1]) < min_radius {
                overflow.push(c);
                continue;
            }
            positions[c as usize] = at;
            slot[c as usize] = INNER | *next;
            *next += 1;
        }
        overflow
    }
}
