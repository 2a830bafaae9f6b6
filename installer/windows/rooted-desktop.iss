; Inno Setup 6 script for Rooted Desktop: a per-user install that needs no administrator.
;
; installer/build.py compiles it after PyInstaller has made dist\rooted-desktop\, passing
; the name, version and organisation from rooted_desktop/identity.py (the version from
; pyproject.toml) as /D defines, so nothing here repeats them. The defaults below only
; serve a hand-run `ISCC.exe installer\windows\rooted-desktop.iss`.
;
; Installs to %LOCALAPPDATA%\Programs\Rooted Desktop, with a Start menu entry and, if
; ticked, a desktop shortcut. The coach's data is not under the program folder: it lives
; in %LOCALAPPDATA%\<organisation>\<app name> (platformdirs' user data folder), so an
; upgrade or an uninstall never touches it, and the uninstaller says where it stays.

#ifndef AppName
  #define AppName "Rooted Desktop"
#endif
#ifndef AppId
  #define AppId "rooted-desktop"
#endif
#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef AppNumericVersion
  #define AppNumericVersion "0.0.0"
#endif
#ifndef AppPublisher
  #define AppPublisher "Rooted in Relationships"
#endif
#ifndef AppURL
  #define AppURL "https://rootedinrelationships.org/"
#endif
#ifndef DataFolder
  #define DataFolder "Rooted in Relationships\Rooted Desktop"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\rooted-desktop"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif
#ifndef IconFile
  #define IconFile "..\..\resources\icons\rooted-desktop.ico"
#endif
#define AppExe AppId + ".exe"

[Setup]
; The installer's identity in Windows' list of programs: never change this GUID, or an
; upgrade installs beside the old version instead of over it.
AppId={{814AD502-C285-5984-B365-89AECDCCEBAB}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
AppPublisherURL={#AppURL}
VersionInfoVersion={#AppNumericVersion}
VersionInfoProductName={#AppName}
VersionInfoCompany={#AppPublisher}
; Per user, no administrator: {autopf} is %LOCALAPPDATA%\Programs here.
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#OutputDir}
OutputBaseFilename={#AppId}-{#AppVersion}-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
; Close a running copy (Restart Manager) before files are replaced or removed.
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the bundle's libraries whole, so none of the old version's linger.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
function DataPath(): String;
begin
  Result := ExpandConstant('{localappdata}\{#DataFolder}');
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  { The program is gone; the coach's records are not, by design. Say where they are. }
  if (CurUninstallStep = usPostUninstall) and DirExists(DataPath()) and not UninstallSilent() then
    MsgBox('{#AppName} was removed. Your coaching records and their backups were kept in:'
      + #13#10#13#10 + DataPath() + #13#10#13#10
      + 'Installing {#AppName} again opens them as they were. To remove them for good, '
      + 'delete that folder yourself (copy it somewhere safe first if you may need it).',
      mbInformation, MB_OK);
end;
