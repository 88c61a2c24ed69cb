import { loadStoreMenu } from "@/server/domain/menu/store-menu";
import {
  createCategory,
  createItem,
  createOptionGroup,
  deleteCategory,
  deleteItem,
  deleteOptionGroup,
  reorderCategories,
  reorderItems,
  updateCategory,
  updateItem,
  updateOptionGroup,
} from "@/server/domain/menu/manage";
import { uploadMenuImage } from "@/server/domain/menu/images";
import {
  categoryInput,
  categoryUpdateInput,
  deleteInput,
  imageUploadInput,
  itemInput,
  itemUpdateInput,
  optionGroupInput,
  optionGroupUpdateInput,
  reorderInput,
  reorderItemsInput,
} from "@/server/domain/menu/inputs";
import { DomainError } from "@/server/domain/errors";
import { countingManagerPinFailures } from "@/server/domain/people/manager-pin";
import { changeOwnManagerPin, changePinInput, loadStoreSettings, storeSettingsInput, updateStoreSettings } from "@/server/domain/stores/settings";
import { managerProcedure, router } from "../init";
import { currentTime } from "@/server/clock";

/** A store manager edits only the store on their own account, never one named in the request. */
const storeManagerProcedure = managerProcedure.use(({ ctx, next }) => {
  const storeId = ctx.session.storeId;
  if (!storeId) throw new DomainError("FORBIDDEN", "managerWithoutStore", "this manager has no store");
  return next({ ctx: { ...ctx, storeId, actor: { storeId, actorId: ctx.session.id, requestId: ctx.requestId } } });
});

export const menuAdminRouter = router({
  menu: storeManagerProcedure.query(({ ctx }) => loadStoreMenu({ tx: ctx.db, input: { storeId: ctx.storeId, includeHidden: true } })),
  createCategory: storeManagerProcedure
    .input(categoryInput)
    .mutation(({ ctx, input }) => ctx.db.transaction((tx) => createCategory({ tx, input: { ...input, ...ctx.actor } }))),
  updateCategory: storeManagerProcedure
    .input(categoryUpdateInput)
    .mutation(({ ctx, input }) => ctx.db.transaction((tx) => updateCategory({ tx, input: { ...input, ...ctx.actor } }))),
  deleteCategory: storeManagerProcedure
    .input(deleteInput)
    .mutation(({ ctx, input }) => ctx.db.transaction((tx) => deleteCategory({ tx, input: { ...input, ...ctx.actor, now: currentTime() } }))),
  reorderCategories: storeManagerProcedure
    .input(reorderInput)
    .mutation(({ ctx, input }) => ctx.db.transaction((tx) => reorderCategories({ tx, input: { ...input, ...ctx.actor } }))),
  createItem: storeManagerProcedure
    .input(itemInput)
    .mutation(({ ctx, input }) => ctx.db.transaction((tx) => createItem({ tx, input: { ...input, ...ctx.actor } }))),
  updateItem: storeManagerProcedure
    .input(itemUpdateInput)
    .mutation(({ ctx, input }) => ctx.db.transaction((tx) => updateItem({ tx, input: { ...input, ...ctx.actor } }))),
  deleteItem: storeManagerProcedure
    .input(deleteInput)
    .mutation(({ ctx, input }) => ctx.db.transaction((tx) => deleteItem({ tx, input: { ...input, ...ctx.actor, now: currentTime() } }))),
  reorderItems: storeManagerProcedure
    .input(reorderItemsInput)
    .mutation(({ ctx, input }) => ctx.db.transaction((tx) => reorderItems({ tx, input: { ...input, ...ctx.actor } }))),
  createOptionGroup: storeManagerProcedure
    .input(optionGroupInput)
    .mutation(({ ctx, input }) => ctx.db.transaction((tx) => createOptionGroup({ tx, input: { ...input, ...ctx.actor } }))),
  updateOptionGroup: storeManagerProcedure
    .input(optionGroupUpdateInput)
    .mutation(({ ctx, input }) => ctx.db.transaction((tx) => updateOptionGroup({ tx, input: { ...input, ...ctx.actor } }))),
  deleteOptionGroup: storeManagerProcedure
    .input(deleteInput)
    .mutation(({ ctx, input }) => ctx.db.transaction((tx) => deleteOptionGroup({ tx, input: { ...input, ...ctx.actor, now: currentTime() } }))),
  uploadImage: storeManagerProcedure
    .input(imageUploadInput)
    .mutation(({ ctx, input }) =>
      uploadMenuImage({ tx: ctx.db, input: { storeId: ctx.storeId, actorId: ctx.session.id, dataBase64: input.dataBase64 } }),
    ),
  settings: storeManagerProcedure.query(({ ctx }) => loadStoreSettings({ tx: ctx.db, input: { storeId: ctx.storeId, userId: ctx.session.id } })),
  updateSettings: storeManagerProcedure
    .input(storeSettingsInput)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction((tx) => updateStoreSettings({ tx, input: { ...input, storeId: ctx.storeId, actorId: ctx.session.id, requestId: ctx.requestId } })),
    ),
  changePin: storeManagerProcedure
    .input(changePinInput)
    .mutation(async ({ ctx, input }) => {
      await countingManagerPinFailures(ctx.db, () =>
        ctx.db.transaction((tx) => changeOwnManagerPin({ tx, input: { ...input, userId: ctx.session.id, now: currentTime(), requestId: ctx.requestId } })),
      );
      return { changed: true };
    }),
});
