/**
 * The glue every "add or change an entry" page shares: one access check, the child's details, the
 * entries of the page's kind, and on POST the kind's own check, then add (or change, when the form
 * names an entry) and redirect. `?edit=<entry id>` fills the form from that entry.
 */
import type { AstroGlobal } from 'astro';
import { instantToLondonDate, type IsoDate } from '../../src/dates/index.ts';
import { readFormData, readTextFields, type FieldError } from '../../src/forms.ts';
import { canPerform } from '../../src/records/access.ts';
import { readChildDetails, type ChildDetails } from '../../src/red-book/child-details.ts';
import { entryKinds } from '../../src/red-book/describe-entry.ts';
import { addEntry, editEntry, listEntries, type Entry, type EntryKind } from '../../src/red-book/entries.ts';
import { unreadableFormError } from './form-page.ts';
import { loadRecordWithDetails } from './record-access.ts';

/** What a kind's page tells the shared glue. */
export interface EntryFormSpec {
  readonly kind: EntryKind;
  readonly fieldNames: readonly string[];
  /** The field an error about the whole form is shown against. */
  readonly firstField: string;
  readonly check: (
    values: Readonly<Record<string, string | null>>,
    child: ChildDetails,
    today: IsoDate,
  ) => { readonly ok: true; readonly occurredOn: IsoDate; readonly data: object } | { readonly ok: false; readonly errors: readonly FieldError[]; readonly unusual?: boolean };
  readonly toFormValues: (entry: Entry) => Record<string, string>;
}

/** Runs the shared part of an entry page. When `redirectTo` is set, the page returns `Astro.redirect(redirectTo, 303)`. */
export async function runEntryForm(Astro: AstroGlobal, spec: EntryFormSpec) {
  const isPost = Astro.request.method === 'POST';
  const loaded = await loadRecordWithDetails(Astro.locals, Astro.response, Astro.params.recordId, isPost ? 'add-entry' : 'read', 'child');
  const { db, userId, access, record } = loaded;
  const child = record ? readChildDetails(record.details) : null;
  const today = instantToLondonDate(new Date());
  const listed = access.ok && child ? await listEntries(db, userId, access.record.id, spec.kind) : null;
  const entries = listed?.ok ? listed.entries : [];
  const canAdd = access.ok && canPerform(access.role, 'add-entry') && record?.status === 'open' && child !== null;
  const path = access.ok ? `/record/${access.record.id}/${entryKinds[spec.kind].path}` : '';
  let values: Record<string, string | null> = {};
  let errors: readonly FieldError[] = [];
  let unusual = false;
  let redirectTo: string | null = null;
  let editing: Entry | null = null;
  let missing = false;

  if (access.ok && !isPost) {
    const editId = Astro.url.searchParams.get('edit');
    if (editId !== null) {
      editing = entries.find((entry) => entry.id === editId) ?? null;
      // An entry that is not on this page (deleted, another record's, another kind) is not found; so is changing a read-only record.
      if (!editing || !canAdd) missing = true;
      else values = spec.toFormValues(editing);
    }
  }
  if (access.ok && isPost) {
    const form = await readFormData(Astro.request);
    values = readTextFields(form, [...spec.fieldNames, 'entryId', 'provenance']);
    const entryId = values.entryId || null;
    editing = entryId ? (entries.find((entry) => entry.id === entryId) ?? null) : null;
    if (!form) errors = [{ ...unreadableFormError, field: spec.firstField }];
    else if (!child) errors = [{ field: spec.firstField, message: "Add your child's details first" }];
    else if (entryId && !editing) missing = true;
    else {
      const checked = spec.check(values, child, today);
      if (checked.ok) {
        const provenance = values.provenance === 'professional' ? 'professional' : 'parent-or-carer';
        const common = { userId, recordId: access.record.id, occurredOn: checked.occurredOn, data: { ...checked.data }, provenance } as const;
        const saved = editing ? await editEntry(db, { ...common, kind: spec.kind, entryId: editing.id }) : await addEntry(db, { ...common, kind: spec.kind });
        if (saved.ok) redirectTo = `${path}?done=${editing ? 'changed' : 'added'}`;
        else if (saved.reason === 'record-closed') errors = [{ field: spec.firstField, message: 'This record is closed, so nothing can be added to it or changed' }];
        else missing = true;
      } else {
        errors = checked.errors;
        unusual = checked.unusual === true;
      }
    }
    if (!redirectTo) Astro.response.status = missing ? 404 : errors.some((error) => error.message.startsWith('This record is closed')) ? 409 : 400;
  }
  if (missing) Astro.response.status = 404;
  const done = Astro.url.searchParams.get('done');
  const notice = done === 'added' ? 'added' : done === 'changed' ? 'changed' : done === 'deleted' ? 'deleted' : null;
  // A closed record (a child who has died) shows what was recorded, never what is due.
  const closed = record?.status === 'closed';
  return { db, userId, access, record, child, today, entries, canAdd, closed, path, values, errors, unusual, redirectTo, editing, missing, notice } as const;
}
