//! Maximum flow (Dinic's algorithm) on integer capacities, able to grow: edges can be added
//! after a flow was found, and `augment` then raises the flow to the new maximum without
//! undoing what it had. The planner's lexicographic solve is built on exactly that.

use std::collections::VecDeque;

/// Capacity of an edge that limits nothing (sums of all amounts stay far below it).
pub const UNLIMITED: i64 = i64::MAX / 4;

#[derive(Debug, Clone)]
struct Edge {
    to: usize,
    /// Residual capacity.
    cap: i64,
}

#[derive(Debug, Clone, Default)]
pub struct FlowNetwork {
    edges: Vec<Edge>,
    /// Outgoing edge ids per node; edge `e ^ 1` is the reverse of `e`.
    adjacency: Vec<Vec<usize>>,
    level: Vec<i32>,
    next: Vec<usize>,
}

/// The id of an edge, to read its flow later.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EdgeId(usize);

impl FlowNetwork {
    pub fn new(nodes: usize) -> FlowNetwork {
        FlowNetwork { adjacency: vec![Vec::new(); nodes], ..FlowNetwork::default() }
    }

    pub fn add_edge(&mut self, from: usize, to: usize, cap: i64) -> EdgeId {
        let id = self.edges.len();
        self.edges.push(Edge { to, cap });
        self.edges.push(Edge { to: from, cap: 0 });
        self.adjacency[from].push(id);
        self.adjacency[to].push(id + 1);
        EdgeId(id)
    }

    /// The flow on an edge: what its reverse has received.
    pub fn flow(&self, e: EdgeId) -> i64 {
        self.edges[e.0 ^ 1].cap
    }

    /// Raises the flow from `s` to `t` to the maximum; returns by how much. Flow already on
    /// edges into `t` never decreases (an augmenting path ends at its first arrival at `t`),
    /// and flow on edges out of `s` never decreases either.
    pub fn augment(&mut self, s: usize, t: usize) -> i64 {
        let mut total = 0i64;
        while self.bfs(s, t) {
            self.next.clear();
            self.next.resize(self.adjacency.len(), 0);
            loop {
                let pushed = self.dfs(s, t, UNLIMITED);
                if pushed == 0 {
                    break;
                }
                total += pushed;
            }
        }
        total
    }

    fn bfs(&mut self, s: usize, t: usize) -> bool {
        self.level.clear();
        self.level.resize(self.adjacency.len(), -1);
        self.level[s] = 0;
        let mut queue = VecDeque::from([s]);
        while let Some(v) = queue.pop_front() {
            for &e in &self.adjacency[v] {
                let Edge { to, cap } = self.edges[e];
                if cap > 0 && self.level[to] < 0 {
                    self.level[to] = self.level[v] + 1;
                    if to != t {
                        queue.push_back(to);
                    }
                }
            }
        }
        self.level[t] >= 0
    }

    /// One blocking-flow path, iteratively (a recursive search could overflow the stack on
    /// long paths through thousands of nodes).
    fn dfs(&mut self, s: usize, t: usize, limit: i64) -> i64 {
        let mut path: Vec<usize> = Vec::new();
        let mut v = s;
        loop {
            if v == t {
                let pushed = path.iter().fold(limit, |m, &e| m.min(self.edges[e].cap));
                for &e in &path {
                    self.edges[e].cap -= pushed;
                    self.edges[e ^ 1].cap += pushed;
                }
                return pushed;
            }
            let mut advanced = false;
            while self.next[v] < self.adjacency[v].len() {
                let e = self.adjacency[v][self.next[v]];
                let Edge { to, cap } = self.edges[e];
                if cap > 0 && self.level[to] == self.level[v] + 1 {
                    path.push(e);
                    v = to;
                    advanced = true;
                    break;
                }
                self.next[v] += 1;
            }
            if !advanced {
                // Dead end: never try `v` again in this phase, and step back.
                self.level[v] = -1;
                match path.pop() {
                    Some(e) => {
                        v = self.edges[e ^ 1].to;
                        self.next[v] += 1;
                    }
                    None => return 0,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classic_max_flow() {
        // CLRS figure 26.1: the maximum flow is 23.
        let mut g = FlowNetwork::new(6);
        for (a, b, c) in
            [(0, 1, 16), (0, 2, 13), (1, 3, 12), (2, 1, 4), (2, 4, 14), (3, 2, 9), (3, 5, 20), (4, 3, 7), (4, 5, 4)]
        {
            g.add_edge(a, b, c);
        }
        assert_eq!(g.augment(0, 5), 23);
        assert_eq!(g.augment(0, 5), 0);
    }

    #[test]
    fn adding_an_edge_keeps_the_flow_already_at_the_sink() {
        // s=0, a=1, b=2, p1=3, p2=4, t=5. `a` admits both, `b` only p1.
        let mut g = FlowNetwork::new(6);
        g.add_edge(0, 1, 10);
        g.add_edge(0, 2, 10);
        g.add_edge(1, 3, UNLIMITED);
        g.add_edge(1, 4, UNLIMITED);
        g.add_edge(2, 3, UNLIMITED);
        let p1 = g.add_edge(3, 5, 15);
        assert_eq!(g.augment(0, 5), 15);
        let p2 = g.add_edge(4, 5, 10);
        // p1 keeps its 15 and p2 gets all that can be rerouted: 5.
        assert_eq!(g.augment(0, 5), 5);
        assert_eq!((g.flow(p1), g.flow(p2)), (15, 5));
    }
}
