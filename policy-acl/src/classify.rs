//! The compiled classifier: an index over a flattened rule list that answers exactly what
//! [`first_match`] answers, in time that grows with the depth of a few small decision trees
//! instead of with the length of the list.
//!
//! # Algorithm
//!
//! Every rule is a (possibly inexact) *box*: an inclusive interval per dimension of the packet
//! key. The key of an IPv4 packet has six dimensions (source, destination, protocol, source
//! port, destination port, ICMP type·code); an IPv6 or mixed-family packet has eight, because
//! each 128-bit address is split into a high and a low 64-bit half. Absent fields get a value
//! of their own (`65536` for "no port" and "no ICMP header") that only the "any" interval of
//! that dimension contains, so `Rule::matches`'s "a packet without ports matches only rules
//! without port criteria" is geometry too.
//!
//! Cisco's fragment rule (a non-initial fragment matches permit rules with layer-4 criteria on
//! layer 3 alone, never deny rules with layer-4 criteria, and `fragments` rules match only
//! non-initial fragments) makes a rule a different box for initial packets and for non-initial
//! fragments, so the index is built twice: once for packets with `non_initial_fragment ==
//! false` (rules without `fragments`, full layer-4 boxes) and once for non-initial fragments
//! (rules that can match one, layer 4 ignored). Each of these is built per family pair of
//! (source, destination): `AddrMatch::Any` rules appear in all four, family-specific rules in
//! the ones they can match.
//!
//! Within one such *forest*, rules are split EffiCuts-style into up to four trees by whether
//! their source and destination are *wide* (an IPv4 block of more than 2^16 addresses, or an
//! IPv6 block shorter than /48), so that `permit tcp any host X eq 80` never has to be copied
//! into every source cut of a tree that separates `host A host B` rules. Each tree is a
//! `HiCuts`-style decision tree: an internal node cuts one dimension of the bounding box of its
//! rules into at most 4,096 equal power-of-two slices (at lookup: one subtraction, one bounds
//! check, one shift and one load per node; a key outside the bounding box ends the walk),
//! choosing the dimension that minimises the largest child and, per dimension, the largest
//! fan-out whose total replication stays within 4× the node's rule count; consecutive slices
//! with the same rules share one child; a node with at most 8 rules, or that no cut makes
//! smaller, is a leaf listing its rules in priority (list) order. Before a node is built, every
//! rule after the first exact rule whose box contains the bounding box of all the node's rules
//! is dropped: wherever one of them matches, that rule matched first.
//!
//! A lookup walks each tree (trees ordered by their best rule, skipped as soon as a match
//! better than anything they hold is known), scans the leaf it reaches in priority order, stops
//! at the first rule whose box contains the key (or whose priority is no better than the best
//! so far) and keeps the best rule over all trees. Cost: `O(trees × (depth + leaf length))`
//! with at most four trees, depth 2-13 and leaves of at most 8 rules on the benchmark's lists
//! (see `BENCHMARKS.md`); never more than `O(rules)`.
//!
//! # Exactness
//!
//! A rule whose box is exactly its match set (prefixes, ranges, `any`, protocols, port ranges,
//! ICMP type and code) is accepted on the box test alone. A rule whose box is only a bounding
//! box (a non-contiguous IOS wildcard such as `0.255.0.255`, an IPv6 range that is not a box
//! in the split representation) is indexed by that bounding box and confirmed with
//! [`Rule::matches`] when the box test passes; since the true match set is inside the box, no
//! match is lost, and the leaf order keeps the first match first. Such rules never prune
//! others. Rules that can never match (an empty range, a destination of one family and source
//! of another for a packet of one family) are not indexed for that family pair.
//!
//! # Bounds
//!
//! Every tree gets a replication budget of `48 × rules + 65,536` rule references; a node whose
//! cut would exceed it becomes a (longer) leaf instead. Memory is therefore `O(rules)` whatever
//! the input (about 250 bytes per rule on the benchmark's lists), and build time is
//! `O(budget × dimensions × 12 fan-outs tried)`: 0.5-0.7 s for 100,000 rules.
//! Adversarial lists (heavily nested prefixes, scattered non-contiguous wildcards) degrade
//! towards a linear scan of large leaves rather than running out of memory. Lookups allocate
//! nothing.

use alloc::collections::VecDeque;
use alloc::vec;
use alloc::vec::Vec;
use core::fmt::Debug;
use core::net::IpAddr;
use core::ops::RangeInclusive;

use crate::rule::{Action, AddrMatch, Packet, PortRange, Rule, Verdict, first_match};

/// Largest leaf the builder aims for.
const BINTH: usize = 8;
/// Space factor: a cut may create at most `SPFAC × rules` references plus its slots.
const SPFAC: usize = 4;
/// Largest fan-out of one node, as a power of two.
const MAX_CUT_BITS: u32 = 12;
/// Deepest a tree may grow (lookup cost bound).
const MAX_DEPTH: u32 = 40;
/// Replication budget per tree: `BUDGET_PER_RULE × rules + BUDGET_BASE` references.
const BUDGET_PER_RULE: usize = 48;
/// Fixed part of the per-tree budget.
const BUDGET_BASE: usize = 1 << 16;
/// Wider than this in the (high half of the) address dimension makes an address "wide".
const WIDE_SPAN: u128 = 1 << 16;

/// Key value of an absent port or ICMP header: outside every non-"any" interval.
const NONE_L4: u32 = 1 << 16;
/// Child reference: an empty region (no rule can match).
const EMPTY: u32 = u32::MAX;
/// Child reference tag: a leaf (index in the low 31 bits).
const LEAF: u32 = 1 << 31;
/// `Entry::check`: the box is exact.
const EXACT: u32 = u32::MAX;
/// No match yet.
const NO_PRIO: u32 = u32::MAX;

/// Integer type of one key dimension (`u32` for IPv4 keys, `u64` for split IPv6 keys).
trait Key: Copy + Ord + Default + Debug {
    /// Largest value.
    const MAX: Self;
    /// Lossless widening.
    fn widen(self) -> u128;
    /// Truncating narrowing (only used on values known to fit).
    fn narrow(v: u128) -> Self;
    /// Wrapping subtraction.
    fn wsub(self, other: Self) -> Self;
    /// Widening to `u64`.
    fn to_u64(self) -> u64;
}

impl Key for u32 {
    const MAX: Self = u32::MAX;
    fn widen(self) -> u128 {
        u128::from(self)
    }
    fn narrow(v: u128) -> Self {
        v as u32
    }
    fn wsub(self, other: Self) -> Self {
        self.wrapping_sub(other)
    }
    fn to_u64(self) -> u64 {
        u64::from(self)
    }
}

impl Key for u64 {
    const MAX: Self = u64::MAX;
    fn widen(self) -> u128 {
        u128::from(self)
    }
    fn narrow(v: u128) -> Self {
        v as u64
    }
    fn wsub(self, other: Self) -> Self {
        self.wrapping_sub(other)
    }
    fn to_u64(self) -> u64 {
        self
    }
}

/// Address family of one side of a packet.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Fam {
    V4,
    V6,
}

/// Which packets a forest serves.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
    /// `non_initial_fragment == false`.
    Initial,
    /// `non_initial_fragment == true`.
    Fragment,
}

/// Number of key dimensions one address takes in a `D`-dimensional key (1 or 2).
const fn addr_dims(d: usize) -> usize {
    (d - 4) / 2
}

/// The key space of each dimension: what the root region covers and what "any" means.
fn domain<K: Key, const D: usize>() -> [(u128, u128); D] {
    let a = addr_dims(D);
    let mut out = [(0u128, 0u128); D];
    for (i, slot) in out.iter_mut().enumerate() {
        *slot = if i < 2 * a {
            (0, K::MAX.widen())
        } else if i == 2 * a {
            (0, 255)
        } else {
            (0, u128::from(NONE_L4))
        };
    }
    out
}

/// The interval an address test covers within one family, and whether it is exactly the test.
/// `None` when it matches no address of that family.
fn addr_interval(m: AddrMatch, fam: Fam) -> Option<(u128, u128, bool)> {
    match (m, fam) {
        (AddrMatch::Any, Fam::V4) => Some((0, u128::from(u32::MAX), true)),
        (AddrMatch::Any, Fam::V6) => Some((0, u128::MAX, true)),
        (AddrMatch::V4 { addr, wildcard }, Fam::V4) => {
            let lo = addr & !wildcard;
            Some((u128::from(lo), u128::from(lo | wildcard), wildcard & wildcard.wrapping_add(1) == 0))
        }
        (AddrMatch::V6 { addr, wildcard }, Fam::V6) => {
            let lo = addr & !wildcard;
            Some((lo, lo | wildcard, wildcard & wildcard.wrapping_add(1) == 0))
        }
        (AddrMatch::V4Range { lo, hi }, Fam::V4) => (lo <= hi).then_some((u128::from(lo), u128::from(hi), true)),
        (AddrMatch::V6Range { lo, hi }, Fam::V6) => (lo <= hi).then_some((lo, hi, true)),
        _ => None,
    }
}

/// Writes an address interval into the key dimensions starting at `at`; returns exactness.
fn place_addr<const D: usize>(dims: &mut [(u128, u128); D], at: usize, fam: Fam, iv: (u128, u128, bool)) -> bool {
    let (lo, hi, exact) = iv;
    if addr_dims(D) == 1 {
        if let Some(slot) = dims.get_mut(at) {
            *slot = (lo, hi);
        }
        return exact;
    }
    let low_mask = u128::from(u64::MAX);
    let (parts, exact) = match fam {
        Fam::V4 => (((lo, hi), (0, 0)), exact),
        Fam::V6 => {
            let (lh, hh) = (lo >> 64, hi >> 64);
            if lh == hh {
                (((lh, hh), (lo & low_mask, hi & low_mask)), exact)
            } else {
                let whole = lo & low_mask == 0 && hi & low_mask == low_mask;
                (((lh, hh), (0, low_mask)), exact && whole)
            }
        }
    };
    if let Some(slot) = dims.get_mut(at) {
        *slot = parts.0;
    }
    if let Some(slot) = dims.get_mut(at + 1) {
        *slot = parts.1;
    }
    exact
}

/// The interval of a port test; `None` when it is empty.
fn port_interval(r: PortRange) -> Option<(u128, u128)> {
    if r.is_any() {
        Some((0, u128::from(NONE_L4)))
    } else {
        (r.lo <= r.hi).then_some((u128::from(r.lo), u128::from(r.hi)))
    }
}

/// The box of `rule` for packets of family pair `fams` in `mode`, and whether it is exact.
/// `None` when the rule can match no such packet.
fn rule_box<K: Key, const D: usize>(rule: &Rule, fams: (Fam, Fam), mode: Mode) -> Option<([(u128, u128); D], bool)> {
    let a = addr_dims(D);
    let mut dims = domain::<K, D>();
    match mode {
        Mode::Initial if rule.fragments_only => return None,
        Mode::Fragment if !(rule.fragments_only || rule.action == Action::Permit || !rule.has_l4()) => return None,
        _ => {}
    }
    let src_exact = place_addr(&mut dims, 0, fams.0, addr_interval(rule.src, fams.0)?);
    let dst_exact = place_addr(&mut dims, a, fams.1, addr_interval(rule.dst, fams.1)?);
    if let (Some(p), Some(slot)) = (rule.protocol, dims.get_mut(2 * a)) {
        *slot = (u128::from(p), u128::from(p));
    }
    if mode == Mode::Initial {
        let sport = port_interval(rule.src_ports)?;
        let dport = port_interval(rule.dst_ports)?;
        let icmp = rule.icmp.map(|m| {
            let base = u128::from(m.icmp_type) << 8;
            m.code.map_or((base, base | 0xff), |c| (base | u128::from(c), base | u128::from(c)))
        });
        for (i, iv) in [(2 * a + 1, Some(sport)), (2 * a + 2, Some(dport)), (2 * a + 3, icmp)] {
            if let (Some(iv), Some(slot)) = (iv, dims.get_mut(i)) {
                *slot = iv;
            }
        }
    }
    Some((dims, src_exact && dst_exact))
}

/// One indexed box: each dimension as `(lo, hi - lo)` (addresses first, so that most
/// rejections read one cache line), the rule's priority (its position in the list) and, for an
/// inexact box, the index of the rule to confirm with.
#[derive(Clone, Copy, Debug)]
struct Entry<K, const D: usize> {
    dims: [(K, K); D],
    prio: u32,
    check: u32,
}

impl<K: Key, const D: usize> Entry<K, D> {
    /// True when the key is inside the box.
    #[inline(always)]
    fn contains(&self, key: &[K; D]) -> bool {
        self.dims.iter().zip(key).all(|(&(lo, span), &k)| k.wsub(lo) <= span)
    }

    /// Interval of dimension `d`, widened.
    fn dim(&self, d: usize) -> (u128, u128) {
        self.dims.get(d).map_or((0, 0), |&(lo, span)| (lo.widen(), lo.widen() + span.widen()))
    }

    /// True when the box is exact and contains the whole region.
    fn covers(&self, region: &[(u128, u128); D]) -> bool {
        self.check == EXACT
            && region.iter().enumerate().all(|(d, &(rlo, rhi))| {
                let (lo, hi) = self.dim(d);
                lo <= rlo && rhi <= hi
            })
    }
}

/// Words of an internal node's header in the child array: `lo` (2 words, low first), `span`
/// (2 words), `dim | shift << 8`. Keys in `[lo, lo + span]` of dimension `dim` go to the child
/// reference at `header + NODE_WORDS + ((key - lo) >> shift)`; keys outside match nothing
/// below. Keeping the header next to its child references saves a cache miss per level.
const NODE_WORDS: usize = 5;

/// A chosen cut of one node.
#[derive(Clone, Copy, Debug)]
struct Cut {
    dim: usize,
    lo: u128,
    hi: u128,
    shift: u32,
    count: usize,
    refs: usize,
}

/// Work item of the breadth-first build.
struct Job<const D: usize> {
    ids: Vec<u32>,
    region: [(u128, u128); D],
    slots: RangeInclusive<usize>,
    depth: u32,
}

/// Shape statistics of a built classifier.
///
/// Useful to explain its memory and lookup cost: lookup cost is roughly `trees_probed ×
/// depth` node visits plus one leaf scan per tree; memory is dominated by `child_slots` and
/// `leaf_refs` (four bytes each), `nodes` (20-byte headers) and the entries (one box per indexed
/// (rule, family pair, fragment mode)).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ClassifierStats {
    /// Rules in the source list.
    pub rules: usize,
    /// Indexed boxes over all family pairs and both fragment modes.
    pub entries: usize,
    /// Boxes that are bounding boxes only (confirmed with [`Rule::matches`]).
    pub inexact_entries: usize,
    /// Decision trees (at most 4 per family pair and fragment mode).
    pub trees: usize,
    /// Internal nodes.
    pub nodes: usize,
    /// Child references of internal nodes.
    pub child_slots: usize,
    /// Leaves.
    pub leaves: usize,
    /// Rule references held by leaves.
    pub leaf_refs: usize,
    /// Longest leaf.
    pub max_leaf: usize,
    /// Deepest leaf (internal nodes on its path).
    pub max_depth: usize,
    /// Trees whose replication budget ran out (they end in longer leaves).
    pub budget_exhausted: usize,
}

/// The trees of one (family pair, fragment mode): entries, nodes, child slots and leaves shared
/// by up to four trees, each with its root and best priority.
#[derive(Clone, Debug)]
struct Forest<K, const D: usize> {
    entries: Vec<Entry<K, D>>,
    /// Internal nodes (header and child references) and the roots' slots.
    children: Vec<u32>,
    /// Number of internal nodes.
    nodes: usize,
    /// Leaves, each as its length followed by its entry indices (one cache line for short ones).
    leaf_ids: Vec<u32>,
    /// Number of leaves.
    leaves: usize,
    /// (root reference, best priority in the tree), sorted by priority.
    roots: Vec<(u32, u32)>,
    /// Set if an index limit (2^31 nodes or leaves, 2^32 references) was reached: lookups
    /// then scan `entries` in order, which is always exact.
    linear: bool,
}

impl<K: Key, const D: usize> Forest<K, D> {
    /// Indexes the rules of family pair `fams` in `mode`.
    fn build(rules: &[Rule], fams: (Fam, Fam), mode: Mode, inexact: &mut Inexact, stats: &mut ClassifierStats) -> Self {
        let mut forest = Forest {
            entries: Vec::new(),
            nodes: 0,
            children: Vec::new(),
            leaves: 0,
            leaf_ids: Vec::new(),
            roots: Vec::new(),
            linear: false,
        };
        for (pos, rule) in rules.iter().enumerate() {
            let Ok(prio) = u32::try_from(pos) else { break };
            if prio >= NO_PRIO - 1 {
                break;
            }
            let Some((dims, exact)) = rule_box::<K, D>(rule, fams, mode) else { continue };
            let check = if exact { EXACT } else { inexact.index_of(pos, rule) };
            let dims = dims.map(|(lo, hi)| (K::narrow(lo), K::narrow(hi - lo)));
            forest.entries.push(Entry { dims, prio, check });
        }
        stats.entries += forest.entries.len();
        stats.inexact_entries += forest.entries.iter().filter(|e| e.check != EXACT).count();
        if forest.entries.is_empty() {
            return forest;
        }
        // EffiCuts-style separation by (source wide, destination wide).
        let a = addr_dims(D);
        let mut groups: [Vec<u32>; 4] = Default::default();
        for (id, e) in forest.entries.iter().enumerate() {
            let Ok(id) = u32::try_from(id) else {
                forest.linear = true;
                break;
            };
            let (slo, shi) = e.dim(0);
            let (dlo, dhi) = e.dim(a);
            let g = usize::from(shi - slo >= WIDE_SPAN) * 2 + usize::from(dhi - dlo >= WIDE_SPAN);
            if let Some(group) = groups.get_mut(g) {
                group.push(id);
            }
        }
        for ids in groups {
            let Some(&first) = ids.first() else { continue };
            let prio = forest.entries.get(first as usize).map_or(NO_PRIO, |e| e.prio);
            let root = forest.build_tree(ids, stats);
            forest.roots.push((root, prio));
            stats.trees += 1;
        }
        forest.roots.sort_by_key(|&(_, prio)| prio);
        stats.nodes += forest.nodes;
        stats.child_slots += forest.children.len() - NODE_WORDS * forest.nodes;
        stats.leaves += forest.leaves;
        stats.leaf_refs += forest.leaf_ids.len() - forest.leaves;
        forest
    }

    /// Builds one tree breadth-first over `ids` (sorted by priority); returns its root reference.
    fn build_tree(&mut self, ids: Vec<u32>, stats: &mut ClassifierStats) -> u32 {
        let budget = BUDGET_PER_RULE.saturating_mul(ids.len()).saturating_add(BUDGET_BASE);
        let mut used = 0usize;
        let mut exhausted = false;
        let root_slot = self.children.len();
        self.children.push(EMPTY);
        let mut scratch = Vec::with_capacity(ids.len());
        let mut queue = VecDeque::new();
        queue.push_back(Job { ids, region: domain::<K, D>(), slots: root_slot..=root_slot, depth: 0 });
        while let Some(Job { mut ids, region, slots, depth }) = queue.pop_front() {
            self.prune(&mut ids, &region);
            let reference = if ids.is_empty() {
                EMPTY
            } else if ids.len() <= BINTH || depth >= MAX_DEPTH {
                self.leaf(&ids, depth, stats)
            } else {
                match self.choose_cut(&ids, &region, &mut scratch) {
                    Some(cut) if used.saturating_add(cut.refs.saturating_add(cut.count)) <= budget => {
                        used = used.saturating_add(cut.refs.saturating_add(cut.count));
                        match self.cut(&ids, &region, cut, depth, &mut queue) {
                            Some(node) => node,
                            None => self.leaf(&ids, depth, stats),
                        }
                    }
                    Some(_) => {
                        exhausted = true;
                        self.leaf(&ids, depth, stats)
                    }
                    None => self.leaf(&ids, depth, stats),
                }
            };
            for slot in slots {
                if let Some(c) = self.children.get_mut(slot) {
                    *c = reference;
                }
            }
        }
        stats.budget_exhausted += usize::from(exhausted);
        self.children.get(root_slot).copied().unwrap_or(EMPTY)
    }

    /// Drops every rule after the first exact one whose box contains the bounding box of all
    /// the rules (clipped to the region): inside that box it matches before them, and outside
    /// it none of them matches. Repeated while the list shrinks.
    fn prune(&self, ids: &mut Vec<u32>, region: &[(u128, u128); D]) {
        loop {
            let mut bbox = [(u128::MAX, 0u128); D];
            for &id in ids.iter() {
                let Some(e) = self.entries.get(id as usize) else { continue };
                for (d, (bb, &(rlo, rhi))) in bbox.iter_mut().zip(region).enumerate() {
                    let (lo, hi) = e.dim(d);
                    *bb = (bb.0.min(lo.max(rlo)), bb.1.max(hi.min(rhi)));
                }
            }
            let cover = ids.iter().position(|&id| self.entries.get(id as usize).is_some_and(|e| e.covers(&bbox)));
            match cover {
                Some(pos) if pos + 1 < ids.len() => ids.truncate(pos + 1),
                _ => return,
            }
        }
    }

    /// Stores a leaf.
    fn leaf(&mut self, ids: &[u32], depth: u32, stats: &mut ClassifierStats) -> u32 {
        let (Ok(start), Ok(len)) = (u32::try_from(self.leaf_ids.len()), u32::try_from(ids.len())) else {
            self.linear = true;
            return EMPTY;
        };
        if start >= LEAF || start.checked_add(len).is_none_or(|end| end >= LEAF) {
            self.linear = true;
            return EMPTY;
        }
        stats.max_leaf = stats.max_leaf.max(ids.len());
        stats.max_depth = stats.max_depth.max(depth as usize);
        self.leaf_ids.push(len);
        self.leaf_ids.extend_from_slice(ids);
        self.leaves += 1;
        start | LEAF
    }

    /// Picks the dimension and fan-out of a cut (the `HiCuts` heuristic), or `None` when no cut
    /// makes every child smaller than the node.
    fn choose_cut(&self, ids: &[u32], region: &[(u128, u128); D], clipped: &mut Vec<(u128, u128)>) -> Option<Cut> {
        let n = ids.len();
        let mut best: Option<(usize, usize, Cut)> = None;
        let mut counts: Vec<i64> = Vec::new();
        for (d, &(rlo, rhi)) in region.iter().enumerate() {
            clipped.clear();
            let (mut bb_lo, mut bb_hi) = (u128::MAX, 0u128);
            for &id in ids {
                let Some(e) = self.entries.get(id as usize) else { continue };
                let (lo, hi) = e.dim(d);
                let (lo, hi) = (lo.max(rlo), hi.min(rhi));
                bb_lo = bb_lo.min(lo);
                bb_hi = bb_hi.max(hi);
                clipped.push((lo, hi));
            }
            if bb_lo >= bb_hi || clipped.iter().all(|&(lo, hi)| lo == bb_lo && hi == bb_hi) {
                continue;
            }
            let width = bb_hi - bb_lo + 1;
            let bits = 128 - (width - 1).leading_zeros();
            let mut chosen: Option<Cut> = None;
            for j in 1..=bits.min(MAX_CUT_BITS) {
                let shift = bits - j;
                let count = usize::try_from(((width - 1) >> shift) + 1).unwrap_or(usize::MAX);
                let refs: usize = clipped
                    .iter()
                    .map(|&(lo, hi)| {
                        usize::try_from(((hi - bb_lo) >> shift) - ((lo - bb_lo) >> shift) + 1).unwrap_or(0)
                    })
                    .fold(0usize, usize::saturating_add);
                if j > 1 && refs.saturating_add(count) > SPFAC.saturating_mul(n) {
                    break;
                }
                chosen = Some(Cut { dim: d, lo: bb_lo, hi: bb_hi, shift, count, refs });
            }
            let Some(cut) = chosen else { continue };
            // Largest child, by a difference array over the slices.
            counts.clear();
            counts.resize(cut.count + 1, 0);
            for &(lo, hi) in clipped.iter() {
                let a = usize::try_from((lo - bb_lo) >> cut.shift).unwrap_or(0);
                let b = usize::try_from((hi - bb_lo) >> cut.shift).unwrap_or(0);
                if let Some(c) = counts.get_mut(a) {
                    *c += 1;
                }
                if let Some(c) = counts.get_mut(b + 1) {
                    *c -= 1;
                }
            }
            let mut running = 0i64;
            let mut max_child = 0i64;
            for c in &counts {
                running += c;
                max_child = max_child.max(running);
            }
            let max_child = usize::try_from(max_child).unwrap_or(usize::MAX);
            let better = match &best {
                None => true,
                Some((m, r, _)) => (max_child, cut.refs) < (*m, *r),
            };
            if better {
                best = Some((max_child, cut.refs, cut));
            }
        }
        best.and_then(|(max_child, _, cut)| (max_child < n).then_some(cut))
    }

    /// Creates the node for `cut`, queues its children and returns its reference.
    fn cut(
        &mut self,
        ids: &[u32],
        region: &[(u128, u128); D],
        cut: Cut,
        depth: u32,
        queue: &mut VecDeque<Job<D>>,
    ) -> Option<u32> {
        let header = self.children.len();
        let end = header.checked_add(NODE_WORDS + cut.count)?;
        let index = u32::try_from(header).ok().filter(|_| end < LEAF as usize)?;
        let lo = u64::try_from(cut.lo).ok()?;
        let span = u64::try_from(cut.hi - cut.lo).ok()?;
        let dim = u32::try_from(cut.dim).ok().filter(|&d| d < 256)?;
        let shift = Some(cut.shift).filter(|&s| s < 64)?;
        let base = header + NODE_WORDS;
        let (rlo, rhi) = region.get(cut.dim).copied()?;
        let mut lists: Vec<Vec<u32>> = vec![Vec::new(); cut.count];
        for &id in ids {
            let Some(e) = self.entries.get(id as usize) else { continue };
            let (lo, hi) = e.dim(cut.dim);
            let (lo, hi) = (lo.max(rlo), hi.min(rhi));
            let a = usize::try_from((lo - cut.lo) >> cut.shift).unwrap_or(usize::MAX);
            let b = usize::try_from((hi - cut.lo) >> cut.shift).unwrap_or(0);
            for list in lists.iter_mut().take(b.saturating_add(1)).skip(a) {
                list.push(id);
            }
        }
        self.children.extend_from_slice(&[
            lo as u32,
            (lo >> 32) as u32,
            span as u32,
            (span >> 32) as u32,
            dim | (shift << 8),
        ]);
        self.children.resize(base + cut.count, EMPTY);
        self.nodes += 1;
        let mut i = 0;
        while i < lists.len() {
            let mut k = i;
            while lists.get(k + 1).is_some_and(|next| Some(next) == lists.get(i)) {
                k += 1;
            }
            let list = lists.get_mut(i).map(core::mem::take).unwrap_or_default();
            if !list.is_empty() {
                let mut child = *region;
                let from = cut.lo + ((i as u128) << cut.shift);
                let to = cut.lo + (((k + 1) as u128) << cut.shift) - 1;
                if let Some(slot) = child.get_mut(cut.dim) {
                    *slot = (from.max(rlo), to.min(rhi).min(cut.hi));
                }
                queue.push_back(Job { ids: list, region: child, slots: base + i..=base + k, depth: depth + 1 });
            }
            i = k + 1;
        }
        Some(index)
    }

    /// Best (lowest) priority of a rule matching the packet among those better than `best`.
    #[inline]
    fn lookup(&self, key: &[K; D], packet: &Packet, inexact: &[Rule], mut best: u32) -> u32 {
        if self.linear {
            return self.entries.iter().find(|e| Self::accepts(e, key, packet, inexact)).map_or(best, |e| e.prio);
        }
        for &(root, min_prio) in &self.roots {
            if min_prio >= best {
                break;
            }
            let mut r = root;
            loop {
                if r == EMPTY {
                    break;
                }
                if r & LEAF != 0 {
                    best = self.scan_leaf(r & !LEAF, key, packet, inexact, best);
                    break;
                }
                let header = r as usize;
                let Some(&[lo0, lo1, span0, span1, dim_shift]) = self.children.get(header..header + NODE_WORDS) else {
                    break;
                };
                let Some(k) = key.get((dim_shift & 0xff) as usize) else { break };
                let offset = k.to_u64().wrapping_sub(u64::from(lo0) | (u64::from(lo1) << 32));
                if offset > (u64::from(span0) | (u64::from(span1) << 32)) {
                    break;
                }
                let slice = offset >> (dim_shift >> 8);
                match self.children.get(header + NODE_WORDS + slice as usize) {
                    Some(&c) => r = c,
                    None => break,
                }
            }
        }
        best
    }

    /// Scans one leaf in priority order.
    #[inline]
    fn scan_leaf(&self, leaf: u32, key: &[K; D], packet: &Packet, inexact: &[Rule], best: u32) -> u32 {
        let start = leaf as usize + 1;
        let Some(&len) = self.leaf_ids.get(leaf as usize) else { return best };
        let Some(ids) = self.leaf_ids.get(start..start + len as usize) else { return best };
        for &id in ids {
            let Some(e) = self.entries.get(id as usize) else { continue };
            if e.prio >= best {
                break;
            }
            if Self::accepts(e, key, packet, inexact) {
                return e.prio;
            }
        }
        best
    }

    /// True when the packet matches the entry's rule: the box test, confirmed by the rule
    /// itself for an inexact box.
    #[inline(always)]
    fn accepts(e: &Entry<K, D>, key: &[K; D], packet: &Packet, inexact: &[Rule]) -> bool {
        e.contains(key) && (e.check == EXACT || inexact.get(e.check as usize).is_some_and(|r| r.matches(packet)))
    }

    /// Heap bytes.
    fn memory_bytes(&self) -> usize {
        self.entries.capacity() * core::mem::size_of::<Entry<K, D>>()
            + self.children.capacity() * 4
            + self.leaf_ids.capacity() * 4
            + self.roots.capacity() * 8
    }

    /// Releases spare capacity.
    fn shrink(&mut self) {
        self.entries.shrink_to_fit();
        self.children.shrink_to_fit();
        self.leaf_ids.shrink_to_fit();
        self.roots.shrink_to_fit();
    }
}

/// Rules whose boxes are inexact, stored once each.
struct Inexact {
    rules: Vec<Rule>,
    index: Vec<u32>,
}

impl Inexact {
    /// Index of rule `pos` in the confirmation list, adding it on first use.
    fn index_of(&mut self, pos: usize, rule: &Rule) -> u32 {
        if self.index.len() <= pos {
            self.index.resize(pos + 1, EXACT);
        }
        match self.index.get(pos) {
            Some(&i) if i != EXACT => i,
            _ => {
                let i = u32::try_from(self.rules.len()).unwrap_or(EXACT);
                self.rules.push(*rule);
                if let Some(slot) = self.index.get_mut(pos) {
                    *slot = i;
                }
                i
            }
        }
    }
}

/// The two forests of one family pair.
#[derive(Clone, Debug)]
struct Pair<K, const D: usize> {
    initial: Forest<K, D>,
    fragment: Forest<K, D>,
}

impl<K: Key, const D: usize> Pair<K, D> {
    fn build(rules: &[Rule], fams: (Fam, Fam), inexact: &mut Inexact, stats: &mut ClassifierStats) -> Self {
        Pair {
            initial: Forest::build(rules, fams, Mode::Initial, inexact, stats),
            fragment: Forest::build(rules, fams, Mode::Fragment, inexact, stats),
        }
    }

    #[inline]
    fn lookup(&self, key: &[K; D], packet: &Packet, inexact: &[Rule]) -> u32 {
        let forest = if packet.non_initial_fragment { &self.fragment } else { &self.initial };
        forest.lookup(key, packet, inexact, NO_PRIO)
    }

    fn memory_bytes(&self) -> usize {
        self.initial.memory_bytes() + self.fragment.memory_bytes()
    }

    fn shrink(&mut self) {
        self.initial.shrink();
        self.fragment.shrink();
    }
}

/// Layer-4 part of a key: protocol, source port, destination port, ICMP type·code.
fn l4_key(p: &Packet) -> [u32; 4] {
    [
        u32::from(p.protocol),
        p.src_port.map_or(NONE_L4, u32::from),
        p.dst_port.map_or(NONE_L4, u32::from),
        p.icmp.map_or(NONE_L4, |(t, c)| (u32::from(t) << 8) | u32::from(c)),
    ]
}

/// Key of an IPv4 packet: `[src, dst, protocol, sport, dport, icmp]`.
fn key_v4(p: &Packet, src: u32, dst: u32) -> [u32; 6] {
    let [proto, sport, dport, icmp] = l4_key(p);
    [src, dst, proto, sport, dport, icmp]
}

/// Halves of an address for the wide key (an IPv4 address is `(addr, 0)`).
fn halves(a: IpAddr) -> (u64, u64) {
    match a {
        IpAddr::V4(v) => (u64::from(u32::from(v)), 0),
        IpAddr::V6(v) => {
            let x = u128::from(v);
            ((x >> 64) as u64, x as u64)
        }
    }
}

/// Key of an IPv6 or mixed-family packet: `[src_hi, src_lo, dst_hi, dst_lo, protocol, sport,
/// dport, icmp]`.
fn key_wide(p: &Packet) -> [u64; 8] {
    let (sh, sl) = halves(p.src);
    let (dh, dl) = halves(p.dst);
    let [proto, sport, dport, icmp] = l4_key(p).map(u64::from);
    [sh, sl, dh, dl, proto, sport, dport, icmp]
}

/// A first-match index over a rule list.
///
/// [`Classifier::lookup`] returns exactly [`first_match`] over the list it was built from, for
/// every packet (see the module documentation for the algorithm). Building is
/// `O(n · d · c)` time for `n` rules, `d` key dimensions and `c` ≤ 12 fan-outs tried per node,
/// summed over the (budget-bounded) replicated rule references; memory is bounded by the
/// per-tree replication budget. A lookup costs one walk down each of at most four trees of
/// depth typically 2–6 plus a scan of at most a few leaf entries each, and allocates nothing.
#[derive(Clone, Debug)]
pub struct Classifier {
    verdicts: Vec<Verdict>,
    inexact: Vec<Rule>,
    /// Rules past position `u32::MAX - 2`, scanned linearly (never in practice).
    overflow: Vec<Rule>,
    v4: Pair<u32, 6>,
    v6: Pair<u64, 8>,
    v4v6: Pair<u64, 8>,
    v6v4: Pair<u64, 8>,
    stats: ClassifierStats,
}

impl Classifier {
    /// Builds the index over `rules` (first match wins, in slice order).
    ///
    /// See the type and module documentation for the algorithm and its bounds.
    #[must_use]
    pub fn build(rules: &[Rule]) -> Classifier {
        let mut stats = ClassifierStats { rules: rules.len(), ..ClassifierStats::default() };
        let mut inexact = Inexact { rules: Vec::new(), index: Vec::new() };
        let indexed = rules.len().min((NO_PRIO - 1) as usize);
        let (head, tail) = rules.split_at(indexed);
        let mut v4 = Pair::build(head, (Fam::V4, Fam::V4), &mut inexact, &mut stats);
        let mut v6 = Pair::build(head, (Fam::V6, Fam::V6), &mut inexact, &mut stats);
        let mut v4v6 = Pair::build(head, (Fam::V4, Fam::V6), &mut inexact, &mut stats);
        let mut v6v4 = Pair::build(head, (Fam::V6, Fam::V4), &mut inexact, &mut stats);
        v4.shrink();
        v6.shrink();
        v4v6.shrink();
        v6v4.shrink();
        let mut inexact_rules = inexact.rules;
        inexact_rules.shrink_to_fit();
        Classifier {
            verdicts: head.iter().map(|r| Verdict::Match { action: r.action, ace_index: r.ace_index }).collect(),
            inexact: inexact_rules,
            overflow: tail.to_vec(),
            v4,
            v6,
            v4v6,
            v6v4,
            stats,
        }
    }

    /// The first matching rule's verdict, exactly as [`first_match`] over the build list.
    ///
    /// Cost: one key extraction, then per tree of the packet's (family pair, fragment mode)
    /// one node visit per level and a leaf scan that stops at the first containing box; trees
    /// whose best rule comes after the match already found are skipped. No allocation.
    #[must_use]
    pub fn lookup(&self, packet: &Packet) -> Verdict {
        let best = match (packet.src, packet.dst) {
            (IpAddr::V4(s), IpAddr::V4(d)) => {
                self.v4.lookup(&key_v4(packet, u32::from(s), u32::from(d)), packet, &self.inexact)
            }
            (IpAddr::V6(_), IpAddr::V6(_)) => self.v6.lookup(&key_wide(packet), packet, &self.inexact),
            (IpAddr::V4(_), IpAddr::V6(_)) => self.v4v6.lookup(&key_wide(packet), packet, &self.inexact),
            (IpAddr::V6(_), IpAddr::V4(_)) => self.v6v4.lookup(&key_wide(packet), packet, &self.inexact),
        };
        match self.verdicts.get(best as usize) {
            Some(&v) => v,
            None => first_match(&self.overflow, packet),
        }
    }

    /// Heap bytes held by the index (entries, nodes, child slots, leaves, the verdict table and
    /// the copies of inexact rules).
    #[must_use]
    pub fn memory_bytes(&self) -> usize {
        self.verdicts.capacity() * core::mem::size_of::<Verdict>()
            + (self.inexact.capacity() + self.overflow.capacity()) * core::mem::size_of::<Rule>()
            + self.v4.memory_bytes()
            + self.v6.memory_bytes()
            + self.v4v6.memory_bytes()
            + self.v6v4.memory_bytes()
    }

    /// Shape statistics of the index.
    #[must_use]
    pub fn stats(&self) -> ClassifierStats {
        self.stats
    }

    /// Number of rules the index was built from.
    #[must_use]
    pub fn len(&self) -> usize {
        self.stats.rules
    }

    /// True when built from an empty list (every lookup is [`Verdict::NoMatch`]).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.stats.rules == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::net::Ipv4Addr;

    fn rules() -> Vec<Rule> {
        (0..200u32)
            .map(|i| Rule {
                action: if i % 3 == 0 { Action::Deny } else { Action::Permit },
                ace_index: i as usize,
                protocol: Some(6),
                src: AddrMatch::v4_netmask(0x0a00_0000 + (i << 8), 0xffff_ff00),
                dst: if i % 7 == 0 { AddrMatch::Any } else { AddrMatch::V4 { addr: 0xc0a8_0000 + i, wildcard: 0 } },
                src_ports: PortRange::ANY,
                dst_ports: PortRange { lo: 1000 + i as u16, hi: 1100 + i as u16 },
                icmp: None,
                fragments_only: false,
            })
            .collect()
    }

    fn packets() -> impl Iterator<Item = Packet> {
        (0..400u32).map(|i| {
            let src = IpAddr::V4(Ipv4Addr::from(0x0a00_0005 + ((i / 2) << 8)));
            let dst = IpAddr::V4(Ipv4Addr::from(0xc0a8_0000 + i / 2));
            let mut p = Packet::ported(src, dst, 6, 4000, 1050 + i as u16);
            p.non_initial_fragment = i % 5 == 0;
            p
        })
    }

    #[test]
    fn tree_and_linear_fallback_agree_with_reference() {
        let rules = rules();
        let mut c = Classifier::build(&rules);
        for p in packets() {
            assert_eq!(c.lookup(&p), first_match(&rules, &p));
        }
        // The fallback used when an index limit is reached scans the entries in order.
        c.v4.initial.linear = true;
        c.v4.fragment.linear = true;
        for p in packets() {
            assert_eq!(c.lookup(&p), first_match(&rules, &p));
        }
    }

    #[test]
    fn boxes() {
        // A /128 prefix and a range inside one 64-bit half are exact; a range across halves is not.
        let host = AddrMatch::V6 { addr: 5, wildcard: 0 };
        let (dims, exact) =
            rule_box::<u64, 8>(&Rule { src: host, dst: host, ..rules()[1] }, (Fam::V6, Fam::V6), Mode::Initial)
                .unwrap_or_default();
        assert!(exact);
        assert_eq!(dims[0], (0, 0));
        assert_eq!(dims[1], (5, 5));
        let across = AddrMatch::V6Range { lo: (1 << 64) - 1, hi: 1 << 64 };
        let boxed =
            rule_box::<u64, 8>(&Rule { src: across, dst: host, ..rules()[1] }, (Fam::V6, Fam::V6), Mode::Initial);
        assert_eq!(boxed.map(|(_, exact)| exact), Some(false));
        // A deny with ports never matches a non-initial fragment; a permit matches on layer 3.
        let deny = rules()[0];
        assert!(rule_box::<u32, 6>(&deny, (Fam::V4, Fam::V4), Mode::Fragment).is_none());
        let (dims, _) = rule_box::<u32, 6>(&rules()[1], (Fam::V4, Fam::V4), Mode::Fragment).unwrap_or_default();
        assert_eq!(dims[4], (0, u128::from(NONE_L4)));
    }
}
