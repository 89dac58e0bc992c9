import type { DutyPlacesMessages } from './duty-places.zh-CN';

export const dutyPlacesEn: DutyPlacesMessages = {
  dutyPlaces: {
    keyAreasTitle: 'Key areas',
    postsTitle: 'Fixed posts',
    toursTitle: 'Guard tours',
    new: { keyArea: 'New key area', post: 'New fixed post', tour: 'New guard tour' },
    field: {
      from: 'From',
      to: 'To',
      everyMinutes: 'Visit every (minutes)',
      unitId: 'Unit on duty',
      radiusM: 'Allowed radius (m)',
      post: 'Post position',
      checkpoints: 'Checkpoints',
      checkpointName: 'Checkpoint name',
    },
    hoursHint: 'From equal to To means all day; To before From runs past midnight.',
    pickUnit: '(choose a unit)',
    draw: {
      post: "Click the post's position on the map.",
      checkpoint: 'Click each checkpoint on the map in order, then press Done.',
      addCheckpoints: 'Add checkpoints on the map',
      finishCheckpoints: 'Done',
      checkpointCount: '{n} checkpoint(s)',
      noCheckpoints: 'No checkpoints yet',
      remove: 'Remove',
    },
    summary: {
      keyArea: '{from}–{to}, every {every} min',
      plan: '{unit}, {from}–{to}',
    },
  },
};
