import { Autocomplete, Stack, TextField, ToggleButton, ToggleButtonGroup } from '@mui/material';
import { useState } from 'react';
import { useGetList, useTranslate, type RaRecord } from 'react-admin';
import { UNIT_MODES, type UnitMode } from '../common/choices';
import type { UnitChoice } from './householdOverview';

interface UnitRecord extends RaRecord {
  name: string;
  fullName: string;
}

/**
 * The dashboard's administrative unit and the switch "Theo đơn vị lúc đó / Theo đơn vị hiện nay":
 * a unit's own figures as it was, or today's unit gathering every unit that became it.
 */
export const UnitPicker = ({
  value,
  onChange,
}: {
  value: UnitChoice | null;
  onChange: (value: UnitChoice | null) => void;
}) => {
  const translate = useTranslate();
  const [search, setSearch] = useState('');
  const [unit, setUnit] = useState<UnitRecord | null>(null);
  const [mode, setMode] = useState<UnitMode>(value?.unitMode ?? 'AS_THEN');
  const { data = [], isPending } = useGetList<UnitRecord>('AdministrativeUnit', {
    pagination: { page: 1, perPage: 50 },
    sort: { field: 'name', order: 'ASC' },
    filter: search ? { q: search } : {},
  });
  const choose = (next: UnitRecord | null, nextMode: UnitMode) => {
    setUnit(next);
    setMode(nextMode);
    onChange(next ? { unitId: next.id, unitMode: nextMode } : null);
  };
  return (
    <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ alignItems: 'center' }}>
      <Autocomplete
        sx={{ minWidth: 280 }}
        size="small"
        options={data}
        loading={isPending}
        value={unit}
        filterOptions={(options) => options}
        getOptionLabel={(option) => option.fullName ?? option.name}
        isOptionEqualToValue={(option, chosen) => option.id === chosen.id}
        onInputChange={(_event, text, reason) => {
          if (reason === 'input') setSearch(text);
        }}
        onChange={(_event, next) => choose(next, mode)}
        renderInput={(params) => (
          <TextField
            {...params}
            label={translate('app.dashboard.unit')}
            placeholder={translate('app.units.all_units')}
          />
        )}
        data-testid="dashboard-unit"
      />
      <ToggleButtonGroup
        size="small"
        exclusive
        value={mode}
        aria-label={translate('app.dashboard.unit_mode')}
        onChange={(_event, next: UnitMode | null) => next && choose(unit, next)}
      >
        {UNIT_MODES.map((id) => (
          <ToggleButton key={id} value={id}>
            {translate(`enums.UnitMode.${id}`)}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
    </Stack>
  );
};
