import type { ReactElement, ReactNode } from 'react';
import { List, SearchInput, type SortPayload } from 'react-admin';
import { columnsOf } from '../common/export';
import { ListActions, ResponsiveDataTable, type PhoneListProps } from '../common/views';

/**
 * A list of posted money: like the other lists, but without delete — posted entries are
 * append-only and corrected by a reversal.
 */
export const LedgerList = ({
  filters = [],
  sort,
  phone,
  children,
}: {
  filters?: ReactElement[];
  sort: SortPayload;
  phone?: PhoneListProps;
  children: ReactNode;
}) => (
  <List
    filters={[<SearchInput key="q" source="q" alwaysOn />, ...filters]}
    sort={sort}
    actions={<ListActions columns={columnsOf(children)} />}
    exporter={false}
  >
    <ResponsiveDataTable phone={phone} bulkActionButtons={false}>
      {children}
    </ResponsiveDataTable>
  </List>
);
