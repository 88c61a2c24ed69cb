import { z } from "zod";
import { MAX_WON } from "../money";

/**
 * What a manager may type into the menu editor. Messages are keys under `menuAdmin.fieldErrors`,
 * so the form says what is wrong in the manager's language.
 */
export const NAME_MAX = 40;
export const MAX_MENU_PRICE = Number(MAX_WON);

const name = z.string({ error: "nameRequired" }).trim().min(1, { error: "nameRequired" }).max(NAME_MAX, { error: "nameTooLong" });
const won = z
  .number({ error: "priceInvalid" })
  .int({ error: "priceNotWhole" })
  .min(0, { error: "priceNegative" })
  .max(MAX_MENU_PRICE, { error: "priceTooHigh" });

export const categoryInput = z.object({ nameKo: name, nameEn: name }).strict();
export const categoryUpdateInput = categoryInput.extend({ id: z.uuid(), isVisible: z.boolean() }).strict();

export const deleteInput = z.object({ id: z.uuid() }).strict();

export const reorderInput = z
  .object({ ids: z.array(z.uuid()).min(1).max(500) })
  .strict()
  .refine((value) => new Set(value.ids).size === value.ids.length, { error: "orderRepeated", path: ["ids"] });
export const reorderItemsInput = z
  .object({ categoryId: z.uuid(), ids: z.array(z.uuid()).min(1).max(500) })
  .strict()
  .refine((value) => new Set(value.ids).size === value.ids.length, { error: "orderRepeated", path: ["ids"] });

export const itemInput = z
  .object({
    categoryId: z.uuid({ error: "categoryRequired" }),
    nameKo: name,
    nameEn: name,
    price: won,
    isSoldOut: z.boolean().default(false),
    isActive: z.boolean().default(true),
    /** An image uploaded beforehand; null takes the picture off, absent keeps it. */
    imageId: z.uuid().nullable().optional(),
    optionGroupIds: z.array(z.uuid()).max(20).default([]),
  })
  .strict()
  .refine((value) => new Set(value.optionGroupIds).size === value.optionGroupIds.length, {
    error: "optionGroupRepeated",
    path: ["optionGroupIds"],
  });
export const itemUpdateInput = z
  .object({
    id: z.uuid(),
    categoryId: z.uuid({ error: "categoryRequired" }),
    nameKo: name,
    nameEn: name,
    price: won,
    isSoldOut: z.boolean(),
    isActive: z.boolean(),
    imageId: z.uuid().nullable().optional(),
    optionGroupIds: z.array(z.uuid()).max(20),
  })
  .strict()
  .refine((value) => new Set(value.optionGroupIds).size === value.optionGroupIds.length, {
    error: "optionGroupRepeated",
    path: ["optionGroupIds"],
  });

const choiceInput = z
  .object({
    id: z.uuid().optional(),
    nameKo: name,
    nameEn: name,
    priceDelta: won,
    isDefault: z.boolean(),
  })
  .strict();

export const MAX_CHOICES = 20;

const groupShape = z
  .object({
    nameKo: name,
    nameEn: name,
    minSelect: z.number({ error: "selectInvalid" }).int({ error: "selectInvalid" }).min(0, { error: "selectInvalid" }).max(MAX_CHOICES, { error: "selectInvalid" }),
    maxSelect: z.number({ error: "selectInvalid" }).int({ error: "selectInvalid" }).min(1, { error: "maxAtLeastOne" }).max(MAX_CHOICES, { error: "selectInvalid" }),
    choices: z.array(choiceInput).min(1, { error: "choicesRequired" }).max(MAX_CHOICES, { error: "tooManyChoices" }),
  })
  .strict();

type GroupShape = z.infer<typeof groupShape>;
// Rules across fields, each pointing at the field the form marks.
const groupRules = (value: GroupShape, ctx: z.RefinementCtx) => {
  if (value.minSelect > value.maxSelect) ctx.addIssue({ code: "custom", message: "minAboveMax", path: ["minSelect"] });
  if (value.minSelect > value.choices.length) ctx.addIssue({ code: "custom", message: "minAboveChoices", path: ["minSelect"] });
  const defaults = value.choices.filter((choice) => choice.isDefault).length;
  if (defaults > value.maxSelect) ctx.addIssue({ code: "custom", message: "tooManyDefaults", path: ["choices"] });
};

export const optionGroupInput = groupShape.superRefine(groupRules);
export const optionGroupUpdateInput = groupShape.extend({ id: z.uuid() }).strict().superRefine(groupRules);

/** Pictures: what a kiosk tile shows well, small enough to send to every tablet. */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
export const IMAGE_TYPES = ["image/png", "image/jpeg", "image/webp"] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

export const imageUploadInput = z
  .object({
    fileName: z.string().max(200).default(""),
    // Base64 of the file; the ceiling leaves room for base64's 4/3 growth, the exact limit is checked on the bytes.
    dataBase64: z.string().min(1, { error: "imageEmpty" }).max(Math.ceil((MAX_IMAGE_BYTES * 4) / 3) + 16, { error: "imageTooLarge" }),
  })
  .strict();

export type CategoryInput = z.infer<typeof categoryInput>;
export type CategoryUpdateInput = z.infer<typeof categoryUpdateInput>;
export type ItemInput = z.infer<typeof itemInput>;
export type ItemUpdateInput = z.infer<typeof itemUpdateInput>;
export type OptionGroupInput = z.infer<typeof optionGroupInput>;
export type OptionGroupUpdateInput = z.infer<typeof optionGroupUpdateInput>;
