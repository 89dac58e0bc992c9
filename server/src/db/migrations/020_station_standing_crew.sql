-- Coverage tells the truth (issue 16, item 7): a station no longer counts as a car that is
-- always there. It covers through the available units standing at it, or through a standing
-- crew the administration sets explicitly here (force and mode of the crew kept on duty at the
-- station around the clock). NULL, the default, means none.
ALTER TABLE stations ADD COLUMN standing_crew_force text
  CHECK (standing_crew_force IN ('police','security','merchant_guard','volunteer','fire','medical','city_mgmt'));
ALTER TABLE stations ADD COLUMN standing_crew_mode text CHECK (standing_crew_mode IN ('foot','bike','moto','car'));
-- Both or neither: a crew without a mode would cover at a guessed speed.
ALTER TABLE stations ADD CONSTRAINT stations_standing_crew_whole
  CHECK ((standing_crew_force IS NULL) = (standing_crew_mode IS NULL));
