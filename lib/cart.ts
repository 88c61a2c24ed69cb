/**
 * The kiosk's cart: pure functions over plain data, so every rule is tested without a
 * browser. Prices here are only for display; the server prices the order itself.
 */

export type CartChoice = { id: string; priceDelta: bigint; isDefault: boolean };
export type CartOptionGroup = { id: string; minSelect: number; maxSelect: number; choices: readonly CartChoice[] };
export type CartItem = { id: string; price: bigint; optionGroups: readonly CartOptionGroup[] };

export type CartLine<I extends CartItem = CartItem> = {
  /** Item plus its chosen options: the same drink with the same options is one line. */
  key: string;
  item: I;
  /** In menu order (group, then choice), so equal selections compare equal. */
  optionIds: string[];
  quantity: number;
};

export type Cart<I extends CartItem = CartItem> = readonly CartLine<I>[];

/** The order API takes 1–99 of a line. */
export const MAX_QUANTITY = 99;

/** Chosen choice ids per option group id. */
export type Selection = Readonly<Record<string, readonly string[]>>;

export type SelectionProblem =
  | { groupId: string; kind: "min"; min: number }
  | { groupId: string; kind: "max"; max: number }
  | { groupId: string; kind: "unknown" };

export function lineKey(itemId: string, optionIds: readonly string[]) {
  return [itemId, ...[...optionIds].sort()].join("+");
}

/** Adds `quantity` of the item; the same item with the same options adds to its line. */
export function addToCart<I extends CartItem>(cart: Cart<I>, item: I, optionIds: readonly string[] = [], quantity = 1): Cart<I> {
  const ordered = orderedOptionIds(item, optionIds);
  const key = lineKey(item.id, ordered);
  const existing = cart.find((line) => line.key === key);
  if (existing) return setQuantity(cart, key, existing.quantity + quantity);
  return [...cart, { key, item, optionIds: ordered, quantity: clampQuantity(quantity) }];
}

/** Sets a line's quantity within 1–99; removing is a separate, deliberate action. */
export function setQuantity<I extends CartItem>(cart: Cart<I>, key: string, quantity: number): Cart<I> {
  return cart.map((line) => (line.key === key ? { ...line, quantity: clampQuantity(quantity) } : line));
}

export function changeQuantity<I extends CartItem>(cart: Cart<I>, key: string, delta: number): Cart<I> {
  const line = cart.find((candidate) => candidate.key === key);
  return line ? setQuantity(cart, key, line.quantity + delta) : cart;
}

export function removeLine<I extends CartItem>(cart: Cart<I>, key: string): Cart<I> {
  return cart.filter((line) => line.key !== key);
}

export function clearCart<I extends CartItem>(): Cart<I> {
  return [];
}

/** Base price plus the price deltas of the chosen options. */
export function unitPrice(item: CartItem, optionIds: readonly string[]): bigint {
  const chosen = new Set(optionIds);
  let price = item.price;
  for (const group of item.optionGroups) {
    for (const choice of group.choices) if (chosen.has(choice.id)) price += choice.priceDelta;
  }
  return price;
}

export function lineTotal(line: CartLine): bigint {
  return unitPrice(line.item, line.optionIds) * BigInt(line.quantity);
}

export function cartTotal(cart: Cart): bigint {
  return cart.reduce((sum, line) => sum + lineTotal(line), 0n);
}

export function cartCount(cart: Cart): number {
  return cart.reduce((sum, line) => sum + line.quantity, 0);
}

/** The lines as `orders.checkout` takes them: ids and quantities, never a price. */
export function checkoutLines(cart: Cart): { itemId: string; quantity: number; optionIds: string[] }[] {
  return cart.map((line) => ({ itemId: line.item.id, quantity: line.quantity, optionIds: [...line.optionIds] }));
}

/** The option sheet's starting point: each group's default choices, at most `maxSelect` of them. */
export function defaultSelection(item: CartItem): Selection {
  return Object.fromEntries(
    item.optionGroups.map((group) => [
      group.id,
      group.choices.filter((choice) => choice.isDefault).slice(0, Math.max(group.maxSelect, 1)).map((choice) => choice.id),
    ]),
  );
}

/**
 * A tap on a choice. One-choice groups act as radio buttons (an optional one can be tapped
 * off again); multi-choice groups toggle, and a tap beyond `maxSelect` does nothing.
 */
export function toggleChoice(item: CartItem, selection: Selection, groupId: string, choiceId: string): Selection {
  const group = item.optionGroups.find((candidate) => candidate.id === groupId);
  if (!group || !group.choices.some((choice) => choice.id === choiceId)) return selection;
  const current = selection[groupId] ?? [];
  const selected = current.includes(choiceId);
  let next: readonly string[];
  if (group.maxSelect <= 1) {
    next = selected ? (group.minSelect >= 1 ? current : []) : [choiceId];
  } else if (selected) {
    next = current.filter((id) => id !== choiceId);
  } else if (current.length >= group.maxSelect) {
    return selection;
  } else {
    next = [...current, choiceId];
  }
  return next === current ? selection : { ...selection, [groupId]: next };
}

/** What keeps the selection from being ordered: too few or too many in a group. */
export function selectionProblems(item: CartItem, selection: Selection): SelectionProblem[] {
  const problems: SelectionProblem[] = [];
  const known = new Set(item.optionGroups.map((group) => group.id));
  for (const groupId of Object.keys(selection)) {
    if (!known.has(groupId) && (selection[groupId]?.length ?? 0) > 0) problems.push({ groupId, kind: "unknown" });
  }
  for (const group of item.optionGroups) {
    const chosen = (selection[group.id] ?? []).filter((id) => group.choices.some((choice) => choice.id === id));
    if (chosen.length !== (selection[group.id] ?? []).length) problems.push({ groupId: group.id, kind: "unknown" });
    if (chosen.length < group.minSelect) problems.push({ groupId: group.id, kind: "min", min: group.minSelect });
    if (chosen.length > group.maxSelect) problems.push({ groupId: group.id, kind: "max", max: group.maxSelect });
  }
  return problems;
}

/** The chosen option ids in menu order. */
export function selectedOptionIds(item: CartItem, selection: Selection): string[] {
  return item.optionGroups.flatMap((group) =>
    group.choices.filter((choice) => (selection[group.id] ?? []).includes(choice.id)).map((choice) => choice.id),
  );
}

function orderedOptionIds(item: CartItem, optionIds: readonly string[]): string[] {
  const chosen = new Set(optionIds);
  const inMenu = item.optionGroups.flatMap((group) => group.choices.filter((choice) => chosen.has(choice.id)).map((c) => c.id));
  // Ids the menu does not know are kept (the server refuses them with a clear error) but sorted last.
  const unknown = [...chosen].filter((id) => !inMenu.includes(id)).sort();
  return [...inMenu, ...unknown];
}

function clampQuantity(quantity: number) {
  if (!Number.isFinite(quantity)) return 1;
  return Math.min(MAX_QUANTITY, Math.max(1, Math.trunc(quantity)));
}
