"""The sales organisation: who is whose team leader and manager, and whom a person oversees.

The organisation is ERPNext's Sales Person tree. A group node is a team (or, higher up, the whole
department) and may name a team leader, who is a Sales Person inside that group. A person's team
leader is the leader of the nearest group above them led by someone else; their manager is the
leader of the highest such group (the department head). A user who holds the sales manager role
oversees everyone, whether or not they appear in the tree.
"""

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class OrgNode:
	"""One Sales Person as the rules see it."""

	name: str
	parent: str | None = None
	is_group: bool = False
	enabled: bool = True
	user: str | None = None
	team_leader: str | None = None


@dataclass(frozen=True)
class Position:
	"""Where a user stands: their Sales Person, team, team leader and manager (Sales Person names)."""

	sales_person: str | None = None
	team: str | None = None
	team_leader: str | None = None
	manager: str | None = None


@dataclass(frozen=True)
class Oversight:
	"""Whose records a user may see as a superior: everyone, or the named sales persons."""

	everyone: bool = False
	sales_persons: frozenset[str] = frozenset()

	def covers(self, sales_person: str | None) -> bool:
		return self.everyone or (sales_person in self.sales_persons)


# Reasons a team leader cannot lead a group (the adapter turns them into translated messages).
LEADER_NOT_A_GROUP = "not_a_group"
LEADER_UNKNOWN = "unknown_leader"
LEADER_IS_GROUP = "leader_is_group"
LEADER_DISABLED = "leader_disabled"
LEADER_OUTSIDE_TEAM = "leader_outside_team"


class OrgChart:
	def __init__(self, nodes: Iterable[OrgNode]):
		self.nodes: dict[str, OrgNode] = {node.name: node for node in nodes}
		self._children: dict[str, list[str]] = {}
		for node in self.nodes.values():
			if node.parent:
				self._children.setdefault(node.parent, []).append(node.name)

	def ancestors(self, name: str) -> list[str]:
		"""Parents of `name`, nearest first (cycle-safe)."""
		chain, seen = [], {name}
		node = self.nodes.get(name)
		while node and node.parent and node.parent not in seen:
			seen.add(node.parent)
			chain.append(node.parent)
			node = self.nodes.get(node.parent)
		return chain

	def members(self, group: str) -> set[str]:
		"""Every enabled, non-group Sales Person anywhere below `group`."""
		found, stack, seen = set(), list(self._children.get(group, [])), {group}
		while stack:
			name = stack.pop()
			if name in seen:
				continue
			seen.add(name)
			node = self.nodes[name]
			if node.is_group:
				stack.extend(self._children.get(name, []))
			elif node.enabled:
				found.add(name)
		return found

	def salespeople(self) -> set[str]:
		"""Every enabled, non-group Sales Person of the tree."""
		return {name for name, node in self.nodes.items() if node.enabled and not node.is_group}

	def planners(self) -> dict[str, str]:
		"""{salesperson: team} of those expected to hand in visit plans: the enabled salespeople placed directly
		in a team, a team being a group with no group below it. The groups above the teams (the department)
		are not teams, and the people placed directly in them (the manager) do not plan. In a tree without
		sub-groups, the one group is the team and everyone in it plans."""
		groups_with_subgroups = {
			node.parent for node in self.nodes.values() if node.is_group and node.parent in self.nodes
		}
		return {
			name: node.parent
			for name, node in self.nodes.items()
			if node.enabled
			and not node.is_group
			and node.parent in self.nodes
			and self.nodes[node.parent].is_group
			and node.parent not in groups_with_subgroups
		}

	def sales_person_of(self, user: str) -> str | None:
		"""The enabled, non-group Sales Person linked (through Employee) to `user`."""
		matches = sorted(
			n.name for n in self.nodes.values() if n.user == user and n.enabled and not n.is_group
		)
		return matches[0] if matches else None

	def user_of(self, sales_person: str | None) -> str | None:
		node = self.nodes.get(sales_person or "")
		return node.user if node else None

	def team_of(self, sales_person: str) -> str | None:
		"""The group a person belongs to; a group is its own team."""
		node = self.nodes.get(sales_person)
		if not node:
			return None
		return node.name if node.is_group else node.parent

	def leaders_above(self, sales_person: str) -> list[str]:
		"""Leaders of the groups containing `sales_person`, nearest first, without the person themself."""
		node = self.nodes.get(sales_person)
		if not node:
			return []
		groups = ([node.name] if node.is_group else []) + self.ancestors(sales_person)
		leaders = []
		for group in groups:
			leader = self.nodes[group].team_leader if group in self.nodes else None
			if leader and leader != sales_person and leader not in leaders:
				leaders.append(leader)
		return leaders

	def team_leader_of(self, sales_person: str) -> str | None:
		leaders = self.leaders_above(sales_person)
		return leaders[0] if leaders else None

	def manager_of(self, sales_person: str) -> str | None:
		leaders = self.leaders_above(sales_person)
		return leaders[-1] if leaders else None

	def position_of(self, user: str) -> Position:
		sales_person = self.sales_person_of(user)
		if not sales_person:
			return Position()
		return Position(
			sales_person=sales_person,
			team=self.team_of(sales_person),
			team_leader=self.team_leader_of(sales_person),
			manager=self.manager_of(sales_person),
		)

	def led_by(self, sales_person: str) -> set[str]:
		"""Everyone in the groups `sales_person` leads, the leader excluded."""
		overseen = set()
		for node in self.nodes.values():
			if node.is_group and node.team_leader == sales_person:
				overseen |= self.members(node.name)
		overseen.discard(sales_person)
		return overseen

	def groups_within(self, sales_persons: Iterable[str]) -> set[str]:
		"""The groups (teams, the department) whose every enabled member is among `sales_persons`: a reader who
		reaches those people may filter by such a group and sees all of it. A group without members is left
		out."""
		reached = set(sales_persons)
		return {
			name
			for name, node in self.nodes.items()
			if node.is_group and (members := self.members(name)) and members <= reached
		}

	def oversight_of(
		self, user: str, roles: Iterable[str], all_seeing_roles: Iterable[str | None]
	) -> Oversight:
		"""Whom `user` oversees: everyone with one of `all_seeing_roles` (the sales manager and leadership
		roles), else the members of the teams they lead."""
		if set(roles) & {role for role in all_seeing_roles if role}:
			return Oversight(everyone=True)
		sales_person = self.sales_person_of(user)
		return Oversight(sales_persons=frozenset(self.led_by(sales_person)) if sales_person else frozenset())

	def leader_problem(self, group: str, leader: str | None) -> str | None:
		"""Why `leader` cannot lead `group`, or None when it can (or no leader is set)."""
		if not leader:
			return None
		group_node = self.nodes.get(group)
		if not group_node or not group_node.is_group:
			return LEADER_NOT_A_GROUP
		node = self.nodes.get(leader)
		if not node:
			return LEADER_UNKNOWN
		if node.is_group:
			return LEADER_IS_GROUP
		if not node.enabled:
			return LEADER_DISABLED
		if group not in self.ancestors(leader):
			return LEADER_OUTSIDE_TEAM
		return None


def default_sales_person(
	customer_sales_team: Iterable[tuple[str, float]],
	user_sales_person: str | None,
	enabled: Iterable[str],
) -> str | None:
	"""Who a new quotation or opportunity belongs to.

	The customer's Sales Team member with the largest allocation (first listed on a tie), among the
	enabled sales persons; otherwise the current user's own Sales Person.
	"""
	enabled = set(enabled)
	best, best_share = None, None
	for sales_person, share in customer_sales_team:
		if sales_person in enabled and (best_share is None or (share or 0) > best_share):
			best, best_share = sales_person, share or 0
	return best or user_sales_person
