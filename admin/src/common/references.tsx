/* eslint-disable no-restricted-imports -- the one place that wraps react-admin's references. */
import { isValidElement, type ReactNode } from 'react';
import {
  ReferenceArrayField as RaReferenceArrayField,
  ReferenceArrayInput as RaReferenceArrayInput,
  ReferenceField as RaReferenceField,
  ReferenceInput as RaReferenceInput,
  useResourceDefinition,
  type ReferenceArrayFieldProps,
  type ReferenceArrayInputProps,
  type ReferenceFieldProps,
  type ReferenceInputProps,
} from 'react-admin';

/*
 * PERF: a reference shown by its name asks only for its name. react-admin reads a referenced
 * record whole to draw one word: each household of a members page came with every field and seven
 * child lists (10 statements and 3.3 ms of PostgreSQL for a page's 10 households, 6 and 0.5 ms by
 * name), each village of the household page with its history of units.
 *
 * Only where the record is drawn by its resource's name field (`recordRepresentation` given as a
 * field): a reference with children of its own, or a resource named by a function, still reads
 * the whole record. What is read this way is cached by react-admin under these fields (the query's
 * `meta`), apart from the whole record a show or edit page reads.
 */

/** The fields that name a record of `reference`, or null when its name is drawn by code. */
function useNameFields(reference: string): string[] | null {
  const { recordRepresentation } = useResourceDefinition({ resource: reference });
  return typeof recordRepresentation === 'string' ? ['id', recordRepresentation] : null;
}

/** Query options asking only `fields` (ra-data-graphql-simple's `sparseFields`), if any. */
function withFields<T extends { meta?: unknown } | undefined>(
  options: T,
  fields: string[] | null,
): T | { meta: Record<string, unknown> } {
  if (!fields) return options;
  const meta = (options?.meta ?? {}) as Record<string, unknown>;
  return { ...options, meta: { ...meta, sparseFields: fields } };
}

/** react-admin's ReferenceField; by its name only when drawn by its name. */
export const ReferenceField = (props: ReferenceFieldProps) => {
  const names = useNameFields(props.reference);
  return (
    <RaReferenceField
      {...props}
      queryOptions={withFields(props.queryOptions, props.children ? null : names)}
    />
  );
};

/**
 * react-admin's ReferenceArrayField; by their names only when drawn by their names (no children),
 * or when the chips' only field is given as `nameField`.
 */
export const ReferenceArrayField = ({
  nameField,
  ...props
}: ReferenceArrayFieldProps & { nameField?: string }) => {
  const names = useNameFields(props.reference);
  const fields = nameField ? ['id', nameField] : props.children ? null : names;
  return <RaReferenceArrayField {...props} queryOptions={withFields(props.queryOptions, fields)} />;
};

/** Whether an input draws its choices by their names: no text or matching of its own. */
const drawsChoicesByName = (input: ReactNode) =>
  !isValidElement(input) ||
  !['optionText', 'inputText', 'matchSuggestion'].some(
    (prop) => (input.props as Record<string, unknown>)[prop] !== undefined,
  );

/** react-admin's ReferenceInput; its choices by their names only when drawn by their names. */
export const ReferenceInput = (props: ReferenceInputProps) => {
  const names = useNameFields(props.reference);
  const fields = drawsChoicesByName(props.children) ? names : null;
  return <RaReferenceInput {...props} queryOptions={withFields(props.queryOptions, fields)} />;
};

/** react-admin's ReferenceArrayInput; its choices by their names only when drawn by their names. */
export const ReferenceArrayInput = (props: ReferenceArrayInputProps) => {
  const names = useNameFields(props.reference);
  const fields = drawsChoicesByName(props.children) ? names : null;
  return <RaReferenceArrayInput {...props} queryOptions={withFields(props.queryOptions, fields)} />;
};
