import type { AdminDevice, AdminTeam, AdminUnit, CreateTeam, CreateUnit, Station, UpdateTeam, UpdateUnit } from '@lianfang/shared';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { forcesApi, type NewDevice } from './forces.api';

/** A device key, kept only until the administrator closes the dialog that shows it. */
export interface RevealedKey {
  deviceId: string;
  name: string;
  key: string;
}

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name, undefined, { numeric: true });

/** Teams, units and alert devices as the console edits them. REST only; each change replies with the record's new version. */
export const useForcesStore = defineStore('forces', () => {
  const teams = ref<AdminTeam[]>([]);
  const units = ref<AdminUnit[]>([]);
  const devices = ref<AdminDevice[]>([]);
  const stations = ref<Station[]>([]);
  const revealedKey = ref<RevealedKey | null>(null);

  const teamList = computed(() => [...teams.value].sort(byName));
  const unitList = computed(() => [...units.value].sort((a, b) => a.callsign.localeCompare(b.callsign, undefined, { numeric: true })));
  const teamName = (id: string | null) => (id ? teams.value.find((t) => t.id === id)?.name : undefined);

  async function loadTeams(): Promise<void> {
    teams.value = await forcesApi.teams();
  }
  async function loadUnits(): Promise<void> {
    [units.value, teams.value, stations.value] = await Promise.all([forcesApi.units(), forcesApi.teams(), forcesApi.stations()]);
  }
  async function loadDevices(): Promise<void> {
    [devices.value, units.value] = await Promise.all([forcesApi.devices(), forcesApi.units()]);
  }

  const replace = <T extends { id: string }>(list: T[], row: T) => list.map((r) => (r.id === row.id ? row : r));

  async function createTeam(body: CreateTeam): Promise<void> {
    teams.value = [...teams.value, await forcesApi.createTeam(body)];
  }
  async function updateTeam(id: string, body: UpdateTeam): Promise<void> {
    teams.value = replace(teams.value, await forcesApi.updateTeam(id, body));
  }
  async function retireTeam(team: AdminTeam): Promise<void> {
    await forcesApi.retireTeam(team.id, team.version);
    teams.value = teams.value.filter((t) => t.id !== team.id);
  }

  async function createUnit(body: CreateUnit): Promise<void> {
    await forcesApi.createUnit(body);
    // the admin list carries station and version, which the create reply does not
    units.value = await forcesApi.units();
  }
  async function updateUnit(id: string, body: UpdateUnit): Promise<void> {
    units.value = replace(units.value, await forcesApi.updateUnit(id, body));
  }
  async function retireUnit(unit: AdminUnit): Promise<void> {
    await forcesApi.retireUnit(unit.id, unit.version);
    units.value = units.value.filter((u) => u.id !== unit.id);
  }

  async function createDevice(body: NewDevice): Promise<void> {
    const { id, key } = await forcesApi.createDevice(body);
    revealedKey.value = { deviceId: id, name: body.name, key };
    devices.value = await forcesApi.devices();
  }
  async function rotateKey(device: AdminDevice): Promise<void> {
    const { key } = await forcesApi.rotateKey(device.id);
    revealedKey.value = { deviceId: device.id, name: device.name, key };
  }
  async function revokeDevice(device: AdminDevice): Promise<void> {
    await forcesApi.revokeDevice(device.id);
    devices.value = devices.value.filter((d) => d.id !== device.id);
  }
  function clearRevealedKey(): void {
    revealedKey.value = null;
  }

  return {
    stations,
    teams,
    units,
    devices,
    revealedKey,
    teamList,
    unitList,
    teamName,
    loadTeams,
    loadUnits,
    loadDevices,
    createTeam,
    updateTeam,
    retireTeam,
    createUnit,
    updateUnit,
    retireUnit,
    createDevice,
    rotateKey,
    revokeDevice,
    clearRevealedKey,
  };
});
