import { describe, expect, it } from "vitest";
import {
  addToCart,
  cartCount,
  cartTotal,
  changeQuantity,
  checkoutLines,
  clearCart,
  defaultSelection,
  lineTotal,
  removeLine,
  selectedOptionIds,
  selectionProblems,
  setQuantity,
  toggleChoice,
  unitPrice,
  type Cart,
  type CartItem,
} from "./cart";

const americano: CartItem = {
  id: "americano",
  price: 2500n,
  optionGroups: [
    {
      id: "temperature",
      minSelect: 1,
      maxSelect: 1,
      choices: [
        { id: "hot", priceDelta: 0n, isDefault: true },
        { id: "iced", priceDelta: 0n, isDefault: false },
      ],
    },
    {
      id: "size",
      minSelect: 1,
      maxSelect: 1,
      choices: [
        { id: "regular", priceDelta: 0n, isDefault: true },
        { id: "large", priceDelta: 500n, isDefault: false },
      ],
    },
    {
      id: "shot",
      minSelect: 0,
      maxSelect: 1,
      choices: [
        { id: "shot1", priceDelta: 500n, isDefault: false },
        { id: "shot2", priceDelta: 1000n, isDefault: false },
      ],
    },
    {
      id: "syrup",
      minSelect: 0,
      maxSelect: 2,
      choices: [
        { id: "vanilla", priceDelta: 500n, isDefault: false },
        { id: "hazelnut", priceDelta: 500n, isDefault: false },
        { id: "caramel", priceDelta: 500n, isDefault: false },
      ],
    },
  ],
};
const croissant: CartItem = { id: "croissant", price: 3200n, optionGroups: [] };

describe("adding to the cart", () => {
  it("adds a new line with quantity 1", () => {
    const cart = addToCart([], croissant);
    expect(cart).toHaveLength(1);
    expect(cart[0]).toMatchObject({ item: croissant, quantity: 1, optionIds: [] });
  });

  it("merges the same item with the same options into one line, whatever order the options came in", () => {
    let cart: Cart = addToCart([], americano, ["iced", "large"]);
    cart = addToCart(cart, americano, ["large", "iced"]);
    expect(cart).toHaveLength(1);
    expect(cart[0]?.quantity).toBe(2);
    expect(cart[0]?.optionIds).toEqual(["iced", "large"]);
  });

  it("keeps the same item with different options on separate lines", () => {
    let cart: Cart = addToCart([], americano, ["hot", "regular"]);
    cart = addToCart(cart, americano, ["iced", "regular"]);
    expect(cart).toHaveLength(2);
  });

  it("never goes above 99 of a line", () => {
    const cart = addToCart(addToCart([], croissant, [], 98), croissant, [], 5);
    expect(cart[0]?.quantity).toBe(99);
  });
});

describe("changing the cart", () => {
  const start = addToCart(addToCart([], croissant), americano, ["iced", "large"]);
  const croissantKey = start[0]?.key ?? "";

  it("counts up and down but not below 1", () => {
    const up = changeQuantity(start, croissantKey, 1);
    expect(up[0]?.quantity).toBe(2);
    expect(changeQuantity(changeQuantity(up, croissantKey, -1), croissantKey, -1)[0]?.quantity).toBe(1);
    expect(setQuantity(start, croissantKey, 0)[0]?.quantity).toBe(1);
  });

  it("removes a line and clears everything", () => {
    expect(removeLine(start, croissantKey).map((line) => line.item.id)).toEqual(["americano"]);
    expect(clearCart()).toEqual([]);
  });

  it("does not change the cart it was given", () => {
    changeQuantity(start, croissantKey, 3);
    removeLine(start, croissantKey);
    expect(start.map((line) => line.quantity)).toEqual([1, 1]);
  });
});

describe("prices", () => {
  it("prices a line as base plus option deltas, times quantity", () => {
    expect(unitPrice(americano, ["iced", "large", "shot1", "vanilla"])).toBe(4000n);
    const cart = addToCart(addToCart([], americano, ["iced", "large"], 2), croissant);
    expect(cart[0] && lineTotal(cart[0])).toBe(6000n);
    expect(cartTotal(cart)).toBe(9200n);
    expect(cartCount(cart)).toBe(3);
    expect(cartTotal([])).toBe(0n);
  });

  it("sends ids and quantities to checkout, no prices", () => {
    const cart = addToCart(addToCart([], americano, ["large", "iced"]), croissant);
    expect(checkoutLines(cart)).toEqual([
      { itemId: "americano", quantity: 1, optionIds: ["iced", "large"] },
      { itemId: "croissant", quantity: 1, optionIds: [] },
    ]);
  });
});

describe("choosing options", () => {
  it("starts from the defaults, which are a valid selection", () => {
    const selection = defaultSelection(americano);
    expect(selectedOptionIds(americano, selection)).toEqual(["hot", "regular"]);
    expect(selectionProblems(americano, selection)).toEqual([]);
  });

  it("treats a one-choice group as radio buttons that cannot be emptied when required", () => {
    let selection = defaultSelection(americano);
    selection = toggleChoice(americano, selection, "temperature", "iced");
    expect(selection.temperature).toEqual(["iced"]);
    expect(toggleChoice(americano, selection, "temperature", "iced")).toBe(selection);
  });

  it("lets an optional one-choice group be switched and tapped off again", () => {
    let selection = toggleChoice(americano, defaultSelection(americano), "shot", "shot1");
    selection = toggleChoice(americano, selection, "shot", "shot2");
    expect(selection.shot).toEqual(["shot2"]);
    expect(toggleChoice(americano, selection, "shot", "shot2").shot).toEqual([]);
  });

  it("toggles a multi-choice group up to its maximum and no further", () => {
    let selection = defaultSelection(americano);
    selection = toggleChoice(americano, selection, "syrup", "vanilla");
    selection = toggleChoice(americano, selection, "syrup", "caramel");
    const full = toggleChoice(americano, selection, "syrup", "hazelnut");
    expect(full).toBe(selection);
    expect(toggleChoice(americano, selection, "syrup", "vanilla").syrup).toEqual(["caramel"]);
  });

  it("ignores choices that are not in the group", () => {
    const selection = defaultSelection(americano);
    expect(toggleChoice(americano, selection, "size", "iced")).toBe(selection);
    expect(toggleChoice(americano, selection, "nope", "iced")).toBe(selection);
  });

  it("reports a required group left empty and a group over its maximum", () => {
    const noDefaults: CartItem = {
      ...americano,
      optionGroups: americano.optionGroups.map((group) => ({
        ...group,
        choices: group.choices.map((choice) => ({ ...choice, isDefault: false })),
      })),
    };
    expect(selectionProblems(noDefaults, defaultSelection(noDefaults))).toEqual([
      { groupId: "temperature", kind: "min", min: 1 },
      { groupId: "size", kind: "min", min: 1 },
    ]);
    const tooMany = { ...defaultSelection(americano), syrup: ["vanilla", "hazelnut", "caramel"] };
    expect(selectionProblems(americano, tooMany)).toEqual([{ groupId: "syrup", kind: "max", max: 2 }]);
  });

  it("lists the chosen options in menu order", () => {
    const selection = { temperature: ["iced"], size: ["large"], syrup: ["caramel", "vanilla"] };
    expect(selectedOptionIds(americano, selection)).toEqual(["iced", "large", "vanilla", "caramel"]);
    expect(unitPrice(americano, selectedOptionIds(americano, selection))).toBe(4000n);
  });
});
