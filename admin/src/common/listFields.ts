import { Children, isValidElement, type ReactNode } from 'react';
import type { IntrospectionObjectType, IntrospectionOutputTypeRef } from 'graphql';
import {
  BooleanField,
  ChipField,
  DataTable,
  DateField,
  NumberField,
  SelectField,
  TextField,
} from 'react-admin';
import { ReferenceArrayField, ReferenceField } from './references';
import introspection from 'virtual:graphql-introspection';
import { EnumChipField, EnumChipsField } from './EnumChip';
import {
  DayField,
  MomentField,
  MoneyCol,
  MoneyField,
  OrganizationChips,
  StaffChips,
} from './fields';
import { MonthField } from '../Fund/month';

/*
 * PERF and data minimisation: a list asks the API only for the fields its table shows. Without
 * this, ra-data-graphql-simple asks every field of the record, each relation and child list as
 * `{ id }`: the household page read and logged addresses, notes and circumstances nobody sees in
 * the table, and seven child lists per household (an officer's page: 45 → 128 req/s on the
 * 300,000-household data set, 10 → 8 statements).
 *
 * The fields come from the table's own columns, so a column added to a list is asked for with it.
 * Only components known to read exactly their `source` count: a column drawn any other way (its
 * own render function, a field component not listed here) makes the list ask every field, as
 * before, rather than show an empty cell.
 */

/** Components that read nothing of the row's record but the field named by their `source`. */
const READS_ITS_SOURCE = new Set<unknown>([
  TextField,
  NumberField,
  BooleanField,
  DateField,
  ChipField,
  SelectField,
  ReferenceField,
  ReferenceArrayField,
  EnumChipField,
  EnumChipsField,
  DayField,
  MomentField,
  MoneyField,
  MonthField,
  OrganizationChips,
  StaffChips,
]);

/** Column components that draw their `source` themselves (with their `field`, if any). */
const COLUMNS = new Set<unknown>([DataTable.Col, DataTable.NumberCol, MoneyCol]);

type Props = Record<string, unknown> & { children?: ReactNode };

const typesByName = new Map(
  introspection.__schema.types
    .filter((type): type is IntrospectionObjectType => type.kind === 'OBJECT')
    .map((type) => [type.name, type]),
);

const namedType = (type: IntrospectionOutputTypeRef): string =>
  type.kind === 'NON_NULL' || type.kind === 'LIST' ? namedType(type.ofType) : type.name;

/**
 * The field of `resource` that gives a column's `source`, as ra-data-graphql-simple names what it
 * reads: `villageId` is a field of its own, `groupsIds` comes from `groups { id }`, `a.b` from `a`.
 */
function fieldFor(type: IntrospectionObjectType, source: string): string | null {
  const has = (name: string) => type.fields.some((field) => field.name === name);
  const head = source.split('.')[0]!;
  if (has(head)) return head;
  const relation = /^(.+?)(Ids?)$/.exec(head);
  if (relation) {
    const field = type.fields.find((f) => f.name === relation[1]);
    if (field && typesByName.has(namedType(field.type))) return field.name;
  }
  return null;
}

/**
 * The fields a list's table needs (its id first), as ra-data-graphql-simple's `sparseFields`; null
 * when a column reads the record in a way this cannot tell, and the list must ask every field.
 */
export function listFieldsOf(resource: string, columns: ReactNode): string[] | null {
  const type = typesByName.get(resource);
  if (!type) return null;
  const fields = new Set<string>(['id']);
  let understood = true;
  const need = (source: unknown) => {
    const field = typeof source === 'string' ? fieldFor(type, source) : null;
    if (field) fields.add(field);
    else understood = false;
  };
  Children.forEach(columns, (column) => {
    if (!understood || !isValidElement(column)) return;
    const props = column.props as Props;
    if (!COLUMNS.has(column.type) || props.render !== undefined) return void (understood = false);
    if (props.field !== undefined && !READS_ITS_SOURCE.has(props.field)) understood = false;
    need(props.source);
    Children.forEach(props.children, (inner) => {
      if (!isValidElement(inner)) return;
      const innerProps = inner.props as Props;
      // A reference's own children draw the referenced record, not this one.
      if (READS_ITS_SOURCE.has(inner.type)) need(innerProps.source);
      else understood = false;
    });
  });
  return understood ? [...fields] : null;
}
