import type { ReactElement, ReactNode } from 'react';
import { BulkExportButton, DataTable, List, SearchInput, type SortPayload } from 'react-admin';

/**
 * A list of posted money: like the other lists, but without delete — posted entries are
 * append-only and corrected by a reversal.
 */
export const LedgerList = ({
  filters = [],
  sort,
  children,
}: {
  filters?: ReactElement[];
  sort: SortPayload;
  children: ReactNode;
}) => (
  <List filters={[<SearchInput key="q" source="q" alwaysOn />, ...filters]} sort={sort}>
    <DataTable rowClick="show" bulkActionButtons={<BulkExportButton />}>
      {children}
    </DataTable>
  </List>
);
