import { useWatch } from 'react-hook-form';
import { SelectInput } from 'react-admin';
import { ReferenceInput } from '../common/references';

const NONE = { ids: [] };

/** The visits to the household chosen in the form, newest first. */
export const VisitSelect = ({ source = 'visitId' }: { source?: string }) => {
  const householdId = useWatch({ name: 'householdId' }) as string | null | undefined;
  return (
    <ReferenceInput
      source={source}
      reference="Visit"
      filter={householdId ? { householdId } : NONE}
      sort={{ field: 'visitDate', order: 'DESC' }}
      perPage={100}
    >
      <SelectInput />
    </ReferenceInput>
  );
};
