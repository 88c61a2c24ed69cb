"use client";

import { useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { TRPCReactProvider } from "@/components/trpc/provider";
import { EmployeeForm, LeaveForm, Modal, SuspendButton } from "./employee-dialogs";
import { ImportPanel } from "./import-dialog";

type Department = { id: string; nameKo: string; nameEn: string };

/** Add, import and export above the employees table; exports carry the table's current filters. */
export function EmployeesToolbar(props: { departments: Department[]; exportQuery: string }) {
  const t = useTranslations("people");
  const [dialog, setDialog] = useState<"add" | "import" | null>(null);
  const link = "flex min-h-11 items-center rounded-lg border border-line bg-white px-4 text-sm font-semibold text-ink hover:bg-canvas";
  return (
    <div className="flex flex-wrap items-center gap-2">
      <a href={`/api/admin/employees/export?format=csv&${props.exportQuery}`} data-testid="export-csv" className={link} download>{t("exportCsv")}</a>
      <a href={`/api/admin/employees/export?format=xlsx&${props.exportQuery}`} data-testid="export-xlsx" className={link} download>{t("exportXlsx")}</a>
      <button type="button" onClick={() => setDialog("import")} data-testid="open-import" className={link}>{t("import")}</button>
      <button type="button" onClick={() => setDialog("add")} data-testid="add-employee" className="min-h-11 rounded-lg bg-brand-600 px-4 text-sm font-semibold text-white hover:bg-brand-700">
        {t("add")}
      </button>
      <Modal open={dialog === "add"} onClose={() => setDialog(null)} label={t("addTitle")}>
        <EmployeeForm employeeId={null} departments={props.departments} onDone={() => setDialog(null)} />
      </Modal>
      <Modal open={dialog === "import"} onClose={() => setDialog(null)} label={t("importDialog.title")} wide testId="import-dialog">
        <ImportPanel onClose={() => setDialog(null)} />
      </Modal>
    </div>
  );
}

/** Edit plus a small menu (suspend / reactivate, mark as left) at the end of a row. */
export function EmployeeRowActions(props: { employeeId: string; name: string; status: "active" | "suspended" | "left"; departments: Department[] }) {
  const t = useTranslations("people");
  const [dialog, setDialog] = useState<"edit" | "leave" | null>(null);
  const [menu, setMenu] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!menu) return;
    const close = (event: MouseEvent) => {
      if (!menuRef.current?.contains(event.target as Node)) setMenu(false);
    };
    document.addEventListener("mousedown", close);
    return () => document.removeEventListener("mousedown", close);
  }, [menu]);
  return (
    <div className="relative flex items-center justify-end gap-1" ref={menuRef}>
      <button type="button" data-testid="edit-employee" onClick={() => setDialog("edit")} className="min-h-9 rounded-lg border border-line bg-white px-3 text-xs font-semibold hover:bg-canvas">
        {t("edit")}
      </button>
      {props.status !== "left" ? (
        <button
          type="button"
          aria-haspopup="menu"
          aria-expanded={menu}
          aria-label={t("actions")}
          data-testid="employee-menu"
          onClick={() => setMenu(!menu)}
          className="min-h-9 min-w-9 rounded-lg border border-line bg-white px-2 text-sm font-bold leading-none hover:bg-canvas"
        >
          ⋯
        </button>
      ) : null}
      {menu ? (
        <div role="menu" className="absolute top-10 right-0 z-10 w-44 overflow-hidden rounded-xl border border-line bg-white py-1 shadow-lg">
          <TRPCReactProvider>
            <SuspendButton
              employeeId={props.employeeId}
              name={props.name}
              suspended={props.status === "suspended"}
              onDone={(message) => {
                setMenu(false);
                setNotice(message);
              }}
            />
          </TRPCReactProvider>
          <button
            type="button"
            role="menuitem"
            data-testid="mark-left"
            onClick={() => {
              setMenu(false);
              setDialog("leave");
            }}
            className="block min-h-11 w-full px-4 text-left text-sm text-red-700 hover:bg-canvas"
          >
            {t("markLeft")}
          </button>
        </div>
      ) : null}
      <Modal open={dialog === "edit"} onClose={() => setDialog(null)} label={t("editTitle", { name: props.name })} testId="edit-dialog">
        <EmployeeForm employeeId={props.employeeId} departments={props.departments} onDone={() => setDialog(null)} />
      </Modal>
      <Modal open={dialog === "leave"} onClose={() => setDialog(null)} label={t("leave.title", { name: props.name })}>
        <LeaveForm
          employeeId={props.employeeId}
          name={props.name}
          onCancel={() => setDialog(null)}
          onDone={(message) => {
            setDialog(null);
            setNotice(message);
          }}
        />
      </Modal>
      {notice ? (
        <div role="status" data-testid="row-notice" className="fixed right-8 bottom-8 z-20 flex max-w-md items-start gap-3 rounded-xl bg-ink px-4 py-3 text-left text-sm text-white shadow-lg">
          <span>{notice}</span>
          <button type="button" onClick={() => setNotice(null)} className="min-h-6 text-white/70 hover:text-white">{t("close")}</button>
        </div>
      ) : null}
    </div>
  );
}
