// Building the extract files of one municipality for one date (seed 000 §3.8): the ISI extract
// (xlsx), the Signaallijst, ISI_VANAF2011 and Termijnoverschrijdingen (csv), each as a zip with
// LEGENDA.txt and DISCLAIMER.txt, published atomically and listed in the municipality's
// catalogue (catalogue.h).
//
// Streaming: dossiers flow from Store::ForEachDossier straight into the xlsx sheets and the two
// person CSVs in one pass, signals from Store::ForEachSignal into the Signaallijst; the zips read
// the data files from disk. Memory does not grow with the number of persons.
//
// Atomicity: data files are written in a private work directory ".tmp-work-XXXXXX" inside the
// municipality's directory, zips to ".tmp-<name>-XXXXXX" files beside their final names. Only
// when all four zips are complete are they fsynced and renamed into place, then the catalogue is
// replaced (atomically), then files of dates no longer kept are removed. A failed or killed build
// therefore never leaves a partial file under a final name, and the catalogue always lists
// complete files. Leftover temporary files of a killed build are removed by the next build.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "model/date.h"
#include "model/status.h"
#include "store/store.h"
#include "store/extract_catalogue.h"

namespace isi::extract {

struct BuildOptions {
  std::string dir;           // the extract directory; created when missing
  std::string gemeentecode;  // a municipality the store knows (the caller checks)
  Date datum;                // the date of the files (normally today)
  int64_t now = 0;           // unix seconds: modification time in the zips, xlsx creation time
  int keep_dates = 2;        // the newest this many dates stay listed and on disk (>= 1)
  // Called every `progress_every` persons with the number of persons written so far, and once
  // at the end of the dossier pass; may be empty.
  std::function<void(int64_t personen)> progress;
  int64_t progress_every = 1000;
  // Data rows per xlsx worksheet before continuing on a new one (tests use a small number).
  int64_t xlsx_max_rows = 1048575;
};

struct BuildResult {
  int64_t personen = 0;                 // rows of the Personen sheet
  int64_t signalen = 0;                 // rows of the Signaallijst
  int64_t vanaf2011 = 0;                // rows of ISI_VANAF2011
  int64_t termijnoverschrijdingen = 0;  // rows of Termijnoverschrijdingen
  std::vector<ExtractFile> files;       // the four published zips, in §3.8's order
  std::vector<std::string> removed;     // names of older files removed afterwards
};

// Builds and publishes the four zips of options.gemeentecode for options.datum, replacing files
// of the same date. InvalidArgument for a malformed gemeentecode or keep_dates < 1;
// Unavailable when another build of the same municipality is running; the store's status when
// reading fails; Internal for file system, xlsx or zip failures. On any failure nothing under a
// final name has changed, except possibly some of the four zips of this same date (each of them
// complete) when publishing itself failed halfway; the catalogue is then unchanged.
Status BuildExtracts(Store* store, const BuildOptions& options, BuildResult* result);

// Installs `pdf_path` as the shared Diplomamodellenboek.pdf (dated `datum`) under
// `<dir>/gedeeld/`, atomically, and lists it in the shared catalogue. InvalidArgument when the
// file does not start with "%PDF-"; Internal when it cannot be read or written.
Status InstallDiplomamodellenboek(const std::string& dir, const std::string& pdf_path,
                                  const Date& datum, ExtractFile* installed);

}  // namespace isi::extract
