import { useEffect, useMemo } from 'react';
import { SelectInput, required, useGetList } from 'react-admin';
import { useFormContext, useWatch } from 'react-hook-form';

interface Standard {
  id: string;
  name: string;
  legalAct: string;
  validFrom: string;
  validTo: string | null;
}

/** In force at some time in the year: the server's rule (modules/household/poverty-standards.ts). */
const inForce = (s: Standard, year: number) =>
  s.validFrom <= `${year}-12-31` && (s.validTo === null || s.validTo >= `${year}-01-01`);

/**
 * The poverty standard of a review: only those in force in the chosen year, the newest of them
 * chosen by default (and again when the year moves the choice out of force).
 */
export const StandardInput = () => {
  const year = Number(useWatch({ name: 'year' }));
  const chosen = useWatch({ name: 'standardId' }) as string | null | undefined;
  const { setValue } = useFormContext();
  const { data } = useGetList<Standard>('PovertyStandard', {
    pagination: { page: 1, perPage: 100 },
    sort: { field: 'validFrom', order: 'DESC' },
  });
  const choices = useMemo(
    () => (Number.isInteger(year) ? (data ?? []).filter((s) => inForce(s, year)) : []),
    [data, year],
  );
  useEffect(() => {
    if (choices.length > 0 && !choices.some((s) => s.id === chosen))
      setValue('standardId', choices[0]!.id, { shouldDirty: true });
  }, [choices, chosen, setValue]);
  return (
    <SelectInput
      source="standardId"
      choices={choices}
      optionText={(s: Standard) => `${s.name} (${s.legalAct})`}
      validate={required()}
      helperText="app.poverty_review.standard_help"
    />
  );
};
