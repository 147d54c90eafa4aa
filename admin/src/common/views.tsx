import type { ReactElement, ReactNode } from 'react';
import { Typography, useMediaQuery, type Theme } from '@mui/material';
import {
  BulkDeleteButton,
  Create,
  CreateButton,
  DataTable,
  DeleteButton,
  Edit,
  EditButton,
  FilterButton,
  List,
  SearchInput,
  SimpleForm,
  SimpleList,
  TopToolbar,
  useLocation,
  useResourceContext,
  useResourceDefinition,
  useTranslate,
  type CreateProps,
  type DataTableProps,
  type EditProps,
  type ListProps,
  type SimpleFormProps,
  type SimpleListProps,
  type SortPayload,
} from 'react-admin';
import { columnsOf, ExportMenuButton, type ExportColumn } from './export';
import { listFieldsOf } from './listFields';

const BulkActions = () => <BulkDeleteButton mutationMode="pessimistic" />;

/** The list's own buttons: filters, create, the spreadsheet export, and any the resource adds. */
export const ListActions = ({ columns, extra }: { columns: ExportColumn[]; extra?: ReactNode }) => {
  const { hasCreate } = useResourceDefinition();
  return (
    <TopToolbar>
      <FilterButton />
      {hasCreate && <CreateButton />}
      {extra}
      <ExportMenuButton columns={columns} />
    </TopToolbar>
  );
};

/** What a list shows of each record on a phone; by default the record's name alone. */
export type PhoneListProps = Pick<
  SimpleListProps,
  'primaryText' | 'secondaryText' | 'tertiaryText'
>;

export const useIsPhone = () => useMediaQuery<Theme>((theme) => theme.breakpoints.down('sm'));

/**
 * The list's table, or on a phone (below MUI's `sm`, 600 px) one line per record opening its
 * page, as react-admin's demo does: no table of many columns fits a phone's width.
 */
export const ResponsiveDataTable = ({
  phone,
  children,
  ...props
}: DataTableProps & { phone?: PhoneListProps }) =>
  useIsPhone() ? (
    <SimpleList linkType="show" {...phone} />
  ) : (
    <DataTable rowClick="show" {...props}>
      {children}
    </DataTable>
  );

interface ResourceListProps extends Omit<ListProps, 'children' | 'filters' | 'actions'> {
  filters?: ReactElement[];
  sort?: SortPayload;
  phone?: PhoneListProps;
  /** Buttons of this resource's own beside the standard ones (e.g. an import). */
  actions?: ReactNode;
  children: ReactNode;
}

/**
 * A list with a search box first, then the resource's own filters, rows opening the record; its
 * export writes exactly the columns the table shows.
 */
export const ResourceList = ({
  filters = [],
  phone,
  actions,
  children,
  ...props
}: ResourceListProps) => {
  const resource = useResourceContext(props);
  // A phone's list draws each record its own way (PhoneListProps), so it asks every field.
  const fields = useIsPhone() || !resource ? null : listFieldsOf(resource, children);
  return (
    <List
      filters={[<SearchInput key="q" source="q" alwaysOn />, ...filters]}
      actions={<ListActions columns={columnsOf(children)} extra={actions} />}
      exporter={false}
      queryOptions={fields ? { meta: { sparseFields: fields } } : undefined}
      {...props}
    >
      <ResponsiveDataTable phone={phone} bulkActionButtons={<BulkActions />}>
        {children}
      </ResponsiveDataTable>
    </List>
  );
};

/** A record's form in one column, asking before a page change drops edits not yet saved. */
export const ResourceForm = (props: SimpleFormProps) => (
  <SimpleForm warnWhenUnsavedChanges {...props} />
);

/** Saves only when the server has accepted the change, then shows the record. */
export const ResourceEdit = (props: EditProps) => (
  <Edit mutationMode="pessimistic" redirect="show" {...props} />
);

/** Where a create page opened from another record's page goes back to once saved. */
export const useReturnTo = () => (useLocation().state as { returnTo?: string } | null)?.returnTo;

/** Shows the new record, or returns to the page that opened the form (see CreateRelatedButton). */
export const ResourceCreate = (props: CreateProps) => {
  const returnTo = useReturnTo();
  return <Create redirect={returnTo ? () => returnTo : 'show'} {...props} />;
};

export const ShowActions = () => (
  <TopToolbar>
    <EditButton />
    <DeleteButton mutationMode="pessimistic" />
  </TopToolbar>
);

/** A titled block of a show page. */
export const Section = ({ title, children }: { title: string; children: ReactNode }) => {
  const translate = useTranslate();
  return (
    <section>
      <Typography variant="h6" component="h2" gutterBottom sx={{ mt: 2 }}>
        {translate(title, { smart_count: 2 })}
      </Typography>
      {children}
    </section>
  );
};
