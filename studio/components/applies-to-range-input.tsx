/**
 * The editors' input for "applies to": pick pregnancy or child, a unit (weeks, months or days) and
 * a from-to range; the days are worked out with the engines' rules and stored.
 */
import { useState, type ChangeEvent } from 'react';
import { Card, Flex, Select, Stack, Text, TextInput } from '@sanity/ui';
import { set, type ObjectInputProps } from 'sanity';
import { daysToRange, describeRange, rangeToDays, type RangeAudience, type RangeUnit } from '../../src/content/age-range.ts';

interface RangeValue {
  _type?: string;
  _key?: string;
  audience?: RangeAudience;
  fromDay?: number;
  toDay?: number;
}

/** The custom input for an `appliesToRange` object. */
export function AppliesToRangeInput(props: ObjectInputProps<RangeValue>) {
  const { value, onChange, elementProps } = props;
  const audience: RangeAudience = value?.audience ?? 'pregnancy';
  const initial = value?.fromDay !== undefined && value?.toDay !== undefined ? daysToRange(audience, value.fromDay, value.toDay) : { unit: 'weeks' as RangeUnit, from: 0, to: 0 };
  const [unit, setUnit] = useState<RangeUnit>(initial.unit);
  const [from, setFrom] = useState(String(initial.from));
  const [to, setTo] = useState(String(initial.to));
  const [problem, setProblem] = useState<string | null>(null);

  const store = (nextAudience: RangeAudience, nextUnit: RangeUnit, nextFrom: string, nextTo: string): void => {
    const fromNumber = Number(nextFrom);
    const toNumber = Number(nextTo);
    if (nextFrom.trim() === '' || nextTo.trim() === '' || !Number.isInteger(fromNumber) || !Number.isInteger(toNumber)) {
      setProblem('Enter whole numbers for both ends of the range');
      return;
    }
    if (nextAudience === 'pregnancy' && nextUnit === 'months') {
      setProblem('Pregnancy ranges are in weeks or days');
      return;
    }
    setProblem(null);
    const days = rangeToDays(nextAudience, nextUnit, fromNumber, toNumber);
    onChange(set({ ...value, _type: value?._type ?? 'appliesToRange', audience: nextAudience, ...days }));
  };

  const id = elementProps.id;
  return (
    <Stack space={3}>
      <Flex gap={2} wrap="wrap" align="flex-end">
        <Stack space={2}>
          <Text as="label" htmlFor={`${id}-audience`} size={1} weight="medium">
            Who it is for
          </Text>
          <Select
            id={`${id}-audience`}
            value={audience}
            onChange={(event: ChangeEvent<HTMLSelectElement>) => {
              const nextAudience = event.currentTarget.value as RangeAudience;
              const nextUnit = nextAudience === 'pregnancy' && unit === 'months' ? 'weeks' : unit;
              setUnit(nextUnit);
              store(nextAudience, nextUnit, from, to);
            }}
          >
            <option value="pregnancy">Pregnancy</option>
            <option value="child">Child</option>
          </Select>
        </Stack>
        <Stack space={2}>
          <Text as="label" htmlFor={`${id}-unit`} size={1} weight="medium">
            Unit
          </Text>
          <Select
            id={`${id}-unit`}
            value={unit}
            onChange={(event: ChangeEvent<HTMLSelectElement>) => {
              const nextUnit = event.currentTarget.value as RangeUnit;
              setUnit(nextUnit);
              store(audience, nextUnit, from, to);
            }}
          >
            <option value="weeks">Weeks</option>
            {audience === 'child' && <option value="months">Months</option>}
            <option value="days">Days</option>
          </Select>
        </Stack>
        <Stack space={2}>
          <Text as="label" htmlFor={`${id}-from`} size={1} weight="medium">
            From
          </Text>
          <TextInput
            id={`${id}-from`}
            inputMode="numeric"
            value={from}
            onChange={(event: ChangeEvent<HTMLInputElement>) => {
              setFrom(event.currentTarget.value);
              store(audience, unit, event.currentTarget.value, to);
            }}
          />
        </Stack>
        <Stack space={2}>
          <Text as="label" htmlFor={`${id}-to`} size={1} weight="medium">
            To (inclusive)
          </Text>
          <TextInput
            id={`${id}-to`}
            inputMode="numeric"
            value={to}
            onChange={(event: ChangeEvent<HTMLInputElement>) => {
              setTo(event.currentTarget.value);
              store(audience, unit, from, event.currentTarget.value);
            }}
          />
        </Stack>
      </Flex>
      {problem ? (
        <Card tone="critical" padding={2} radius={2}>
          <Text size={1}>{problem}</Text>
        </Card>
      ) : (
        value?.fromDay !== undefined &&
        value?.toDay !== undefined && (
          <Text size={1} muted>
            Stored as: {describeRange(audience, value.fromDay, value.toDay)}
          </Text>
        )
      )}
    </Stack>
  );
}
