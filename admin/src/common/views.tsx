import type { ReactElement, ReactNode } from 'react';
import { Typography } from '@mui/material';
import {
  BulkDeleteButton,
  BulkExportButton,
  Create,
  DataTable,
  DeleteButton,
  Edit,
  EditButton,
  List,
  SearchInput,
  TopToolbar,
  useLocation,
  useTranslate,
  type CreateProps,
  type EditProps,
  type ListProps,
  type SortPayload,
} from 'react-admin';

const BulkActions = () => (
  <>
    <BulkExportButton />
    <BulkDeleteButton mutationMode="pessimistic" />
  </>
);

interface ResourceListProps extends Omit<ListProps, 'children' | 'filters'> {
  filters?: ReactElement[];
  sort?: SortPayload;
  children: ReactNode;
}

/** A list with a search box first, then the resource's own filters, rows opening the record. */
export const ResourceList = ({ filters = [], children, ...props }: ResourceListProps) => (
  <List filters={[<SearchInput key="q" source="q" alwaysOn />, ...filters]} {...props}>
    <DataTable rowClick="show" bulkActionButtons={<BulkActions />}>
      {children}
    </DataTable>
  </List>
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
